package io.vigil.soc.regulatory;

/** The regulations whose reporting clocks Vigil keeps. */
public enum Regime {
    /** NIS-2 Directive (EU) 2022/2555, Art. 23: a significant incident. */
    NIS2("nis2"),
    /** GDPR (EU) 2016/679, Art. 33: a personal data breach. */
    GDPR("gdpr");

    private final String code;

    Regime(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Regime ofCode(String code) {
        for (Regime r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("regime must be nis2 or gdpr, not '" + code + "'");
    }
}
