package io.vigil.soc;

/** An incident's priority, P1 the most urgent. Contracts set response and resolution targets per priority. */
public enum Priority {
    P1, P2, P3, P4;

    /** @throws IllegalArgumentException naming the value when it is not P1–P4 (case-insensitive) */
    public static Priority parse(String value) {
        for (Priority p : values()) {
            if (p.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("priority must be one of P1, P2, P3, P4, not '" + value + "'");
    }

    /** True when this priority is more urgent than {@code other}. */
    public boolean moreUrgentThan(Priority other) {
        return ordinal() < other.ordinal();
    }
}
