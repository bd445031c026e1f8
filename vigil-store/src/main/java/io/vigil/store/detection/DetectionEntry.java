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
 */
public record DetectionEntry(String ruleId, String title, String level, String status, String author,
                             List<String> tags, List<String> references, List<String> matchedFields,
                             Instant detectedAt) {

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

    /** The entry as a JSON-friendly map (strings and lists of strings only). */
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
                    strings(map, "matched_fields"), Instant.parse(detectedAt));
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
