package io.vigil.soc;

/** The SOC tier working an incident: T1 triage, T2 investigation, T3 advanced response, T4 engineering. */
public enum Tier {
    T1, T2, T3, T4;

    /** The next tier up, or this one at the top. */
    public Tier next() {
        return this == T4 ? T4 : values()[ordinal() + 1];
    }

    /** @throws IllegalArgumentException naming the value when it is not T1–T4 (case-insensitive) */
    public static Tier parse(String value) {
        for (Tier t : values()) {
            if (t.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("tier must be one of T1, T2, T3, T4, not '" + value + "'");
    }
}
