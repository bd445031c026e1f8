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

    /** A new empty map for a whole event: sized so that a typical event's twenty-odd fields need no rehashing. */
    Map<String, Object> eventMap() {
        return new LinkedHashMap<>(32);
    }

    void put(Map<String, Object> target, String key, Object value) {
        spend();
        check(key, value);
        target.put(key, value);
    }

    /**
     * {@code if (!target.containsKey(key)) put(target, key, value)} with one hash lookup instead of two; returns
     * whether the value was put. The map is left as it was when the value breaks a limit.
     */
    boolean putNew(Map<String, Object> target, String key, Object value) {
        int before = target.size();
        Object prior = target.putIfAbsent(key, value);
        if (target.size() == before) {
            if (prior == null) {
                target.put(key, null); // the key was there with a null value, which putIfAbsent replaces
            }
            return false;
        }
        try {
            spend();
            check(key, value);
        } catch (LimitExceeded e) {
            target.remove(key);
            throw e;
        }
        return true;
    }

    private void check(String key, Object value) {
        if (key.length() > limits.maxStringLength()) {
            throw new LimitExceeded("field name longer than " + limits.maxStringLength() + " characters");
        }
        if (value instanceof String text && text.length() > limits.maxStringLength()) {
            throw new LimitExceeded("value of '" + abbreviate(key) + "' longer than " + limits.maxStringLength()
                    + " characters");
        }
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
