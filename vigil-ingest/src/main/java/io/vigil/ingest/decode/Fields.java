package io.vigil.ingest.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded builder of one event's fields: it counts every value against {@link DecoderLimits#maxFields()} and
 * cuts nothing silently (a string over {@link DecoderLimits#maxStringLength()} fails the event).
 */
final class Fields {

    private final DecoderLimits limits;
    private int remaining;

    Fields(DecoderLimits limits) {
        this.limits = limits;
        this.remaining = limits.maxFields();
    }

    DecoderLimits limits() {
        return limits;
    }

    /** A new empty map whose puts go through {@link #put}. */
    Map<String, Object> map() {
        return new LinkedHashMap<>();
    }

    void put(Map<String, Object> target, String key, Object value) {
        spend();
        if (key.length() > limits.maxStringLength()) {
            throw new LimitExceeded("field name longer than " + limits.maxStringLength() + " characters");
        }
        if (value instanceof String text && text.length() > limits.maxStringLength()) {
            throw new LimitExceeded("value of '" + abbreviate(key) + "' longer than " + limits.maxStringLength()
                    + " characters");
        }
        target.put(key, value);
    }

    void spend() {
        if (--remaining < 0) {
            throw new LimitExceeded("event has more than " + limits.maxFields() + " values");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
