package io.vigil.soc.incident;

/** An analyst's verdict on an alert; false positives carry a reason, and all of them feed tuning suggestions. */
public enum Disposition {
    TRUE_POSITIVE("true-positive"),
    BENIGN_TRUE_POSITIVE("benign-true-positive"),
    FALSE_POSITIVE("false-positive");

    private final String code;

    Disposition(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException naming the value and the valid codes */
    public static Disposition ofCode(String code) {
        for (Disposition d : values()) {
            if (d.code.equals(code)) {
                return d;
            }
        }
        throw new IllegalArgumentException("disposition must be one of true-positive, benign-true-positive, "
                + "false-positive, not '" + code + "'");
    }
}
