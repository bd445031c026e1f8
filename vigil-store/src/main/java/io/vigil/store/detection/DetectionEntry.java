package io.vigil.store.detection;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rule match as a detect stage records it on the event, under {@link #COMMON_KEY} in the common fields (a
 * list of {@link #toMap() maps}), for {@link Detections} to store. The shape is defined here, once, because the
 * stage and the output live in different modules; it also appears in the recent-events view with the event.
 *
 * @param ruleId        the rule's id (its title when the rule states no id)
 * @param level         as the rule states it, or null
 * @param status        as the rule states it, or null
 * @param author        verbatim from the rule, or null: the Detection Rule License 1.1 requires it on every
 *                      detection of a SigmaHQ rule
 * @param matchedFields the event fields the match rests on
 * @param detectedAt    when the stage matched the rule (from the pipeline's clock)
 * @param correlation   for a Sigma correlation rule's detection, what fired; null for a base rule's detection
 */
public record DetectionEntry(String ruleId, String title, String level, String status, String author,
                             List<String> tags, List<String> references, List<String> matchedFields,
                             Instant detectedAt, Correlated correlation) {

    /**
     * What made a correlation rule fire: its type, the group-by values of the group that fired, the event times of
     * the first and last detection that counted, and the value that met the condition (the number of detections for
     * {@code event_count}, of distinct values for {@code value_count}, of distinct rules for {@code temporal}...).
     */
    public record Correlated(String type, Map<String, String> groupBy, Instant windowStart, Instant windowEnd,
                             double value) {
        public Correlated {
            Objects.requireNonNull(type, "type");
            groupBy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groupBy));
            Objects.requireNonNull(windowStart, "windowStart");
            Objects.requireNonNull(windowEnd, "windowEnd");
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", type);
            map.put("group_by", groupBy);
            map.put("window_start", windowStart.toString());
            map.put("window_end", windowEnd.toString());
            map.put("value", value);
            return map;
        }

        static Correlated fromMap(Map<?, ?> map) {
            String type = string(map, "type");
            String start = string(map, "window_start");
            String end = string(map, "window_end");
            if (type == null || start == null || end == null || !(map.get("value") instanceof Number value)
                    || !(map.get("group_by") instanceof Map<?, ?> groups)) {
                throw new IllegalArgumentException(COMMON_KEY + " holds a correlation without type, group_by, "
                        + "window_start, window_end or value");
            }
            Map<String, String> groupBy = new LinkedHashMap<>();
            groups.forEach((k, v) -> groupBy.put(String.valueOf(k), String.valueOf(v)));
            try {
                return new Correlated(type, groupBy, Instant.parse(start), Instant.parse(end), value.doubleValue());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(COMMON_KEY + " holds an unreadable correlation window", e);
            }
        }
    }

    /** A base rule's detection. */
    public DetectionEntry(String ruleId, String title, String level, String status, String author,
                          List<String> tags, List<String> references, List<String> matchedFields, Instant detectedAt) {
        this(ruleId, title, level, status, author, tags, references, matchedFields, detectedAt, null);
    }

    /** The common-field key holding the list of detection maps. */
    public static final String COMMON_KEY = "vigil.detections";

    public DetectionEntry {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(title, "title");
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        matchedFields = List.copyOf(matchedFields);
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    /** The entry as a JSON-friendly map (strings and lists of strings; a correlation's details as a nested map). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rule_id", ruleId);
        map.put("title", title);
        map.put("level", level);
        map.put("status", status);
        map.put("author", author);
        map.put("tags", tags);
        map.put("references", references);
        map.put("matched_fields", matchedFields);
        map.put("detected_at", detectedAt.toString());
        if (correlation != null) {
            map.put("correlation", correlation.toMap());
        }
        return map;
    }

    /**
     * The entries an event's common fields hold; none if there is no {@link #COMMON_KEY}.
     *
     * @throws IllegalArgumentException if the key holds something that is not a list of entry maps
     */
    public static List<DetectionEntry> fromCommon(Map<String, Object> common) {
        Object value = common.get(COMMON_KEY);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(COMMON_KEY + " is not a list");
        }
        List<DetectionEntry> entries = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(COMMON_KEY + " holds an item that is not an object");
            }
            entries.add(fromMap(map));
        }
        return entries;
    }

    private static DetectionEntry fromMap(Map<?, ?> map) {
        String ruleId = string(map, "rule_id");
        String title = string(map, "title");
        String detectedAt = string(map, "detected_at");
        if (ruleId == null || title == null || detectedAt == null) {
            throw new IllegalArgumentException(COMMON_KEY + " holds an entry without rule_id, title or detected_at");
        }
        try {
            return new DetectionEntry(ruleId, title, string(map, "level"), string(map, "status"),
                    string(map, "author"), strings(map, "tags"), strings(map, "references"),
                    strings(map, "matched_fields"), Instant.parse(detectedAt),
                    map.get("correlation") instanceof Map<?, ?> c ? Correlated.fromMap(c) : null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(COMMON_KEY + " holds an unreadable detected_at: " + detectedAt, e);
        }
    }

    private static String string(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException(COMMON_KEY + "." + key + " is not a string");
    }

    private static List<String> strings(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException(COMMON_KEY + "." + key + " is not a list of strings");
    }
}
