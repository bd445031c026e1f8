package io.vigil.store.identity;

/** What a session must do before it gets the account's access. */
public enum SessionRestriction {
    NONE("none"),
    PASSWORD_CHANGE("password-change"),
    MFA_ENROLMENT("mfa-enrolment");

    private final String code;

    SessionRestriction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SessionRestriction ofCode(String code) {
        for (SessionRestriction r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no session restriction '" + code + "'");
    }
}
