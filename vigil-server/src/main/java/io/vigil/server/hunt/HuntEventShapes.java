package io.vigil.server.hunt;

import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that decides how a decoded JSON event is read by the rules: the three Windows JSON shapes
 * through {@link io.vigil.sigma.event.WindowsEventFields}, anything else through
 * {@link io.vigil.sigma.event.MapEventFields} ({@link EventFieldsFactory}); and where its time is.
 */
public final class HuntEventShapes {

    /** Top-level time fields of common JSON log formats, most specific first. */
    private static final List<String> TIME_FIELDS = List.of("@timestamp", "timestamp", "time", "eventTime",
            "EventTime", "p_event_time", "published", "ts", "date", "UtcTime");

    private HuntEventShapes() {
    }

    public static EventFields fields(Map<String, Object> event) {
        return EventFieldsFactory.of(event);
    }

    /** The event's time as written in the event, if a known field holds one. */
    public static Optional<String> time(Map<String, Object> event) {
        if (isWindows(event) && event.get("Event") instanceof Map<?, ?> root
                && root.get("System") instanceof Map<?, ?> system
                && system.get("TimeCreated") instanceof Map<?, ?> created
                && created.get("#attributes") instanceof Map<?, ?> attributes
                && attributes.get("SystemTime") != null) {
            return Optional.of(String.valueOf(attributes.get("SystemTime")));
        }
        for (String field : TIME_FIELDS) {
            Object value = event.get(field);
            if (value instanceof String || value instanceof Number) {
                return Optional.of(String.valueOf(value));
            }
        }
        return Optional.empty();
    }

    private static boolean isWindows(Map<String, Object> event) {
        return event.get("Event") instanceof Map<?, ?> root && root.get("System") instanceof Map<?, ?>;
    }
}
