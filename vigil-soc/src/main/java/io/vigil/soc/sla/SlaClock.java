package io.vigil.soc.sla;

/** The two contract clocks of an incident. */
public enum SlaClock {
    /** From creation until the incident first leaves {@code new}. */
    RESPONSE("response"),
    /** From creation until the incident is resolved or closed, less time in pausing states. */
    RESOLUTION("resolution");

    private final String code;

    SlaClock(String code) {
        this.code = code;
    }

    /** The name in alarms ({@link io.vigil.soc.ClockAlarm#clock()}) and the API. */
    public String code() {
        return code;
    }
}
