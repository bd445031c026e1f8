package io.vigil.soc.triage;

import java.util.Locale;

/** How much an asset matters to its owner; the score feeds the priority. */
public enum Criticality {
    LOW(0), MEDIUM(1), HIGH(2), CRITICAL(3);

    private final int score;

    Criticality(int score) {
        this.score = score;
    }

    public int score() {
        return score;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the valid ones */
    public static Criticality parse(String value) {
        for (Criticality c : values()) {
            if (c.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("criticality must be one of low, medium, high, critical, not '" + value + "'");
    }
}
