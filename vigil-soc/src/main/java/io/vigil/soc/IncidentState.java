package io.vigil.soc;

/**
 * Where an incident stands. A contract says which states pause its SLA clocks; {@link #WAITING_ON_CLIENT}
 * pauses them by default.
 */
public enum IncidentState {
    NEW("new"),
    ACKNOWLEDGED("acknowledged"),
    INVESTIGATING("investigating"),
    CONTAINED("contained"),
    WAITING_ON_CLIENT("waiting-on-client"),
    RESOLVED("resolved"),
    CLOSED("closed");

    private final String code;

    IncidentState(String code) {
        this.code = code;
    }

    /** The name the API and the CLI use. */
    public String code() {
        return code;
    }

    /** Resolved and closed incidents are no longer worked; their clocks have stopped. */
    public boolean isFinished() {
        return this == RESOLVED || this == CLOSED;
    }

    /** @throws IllegalArgumentException naming the value and the valid codes */
    public static IncidentState ofCode(String code) {
        for (IncidentState s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("incident state must be one of new, acknowledged, investigating, "
                + "contained, waiting-on-client, resolved, closed, not '" + code + "'");
    }
}
