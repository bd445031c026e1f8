package io.vigil.soc.contract;

/** Who may act on one activity of the service scope. */
public enum Responsibility {
    /** The MSSP acts without asking and informs the client. */
    MSSP("mssp"),
    /** The MSSP acts only after the client approved (a playbook step waits for approval). */
    MSSP_WITH_APPROVAL("mssp-with-approval"),
    /** Only the client acts; the MSSP recommends. */
    CLIENT("client");

    private final String code;

    Responsibility(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Responsibility ofCode(String code) {
        for (Responsibility r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("responsibility must be one of mssp, mssp-with-approval, client, not '"
                + code + "'");
    }
}
