package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.pipeline.EventStage;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.pipeline.StageResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds OCSF-aligned common fields to decoded events from a mapping kept as data
 * ({@code io/vigil/content/normalize/common-fields.json} in vigil-content). The event's own fields are
 * never changed; the event time becomes the source's timestamp when one is found and plausible.
 */
public final class CommonFieldsNormalizer implements EventStage {

    /** Timestamps further than this in the future are clock errors at the source; received time is kept. */
    static final Duration MAX_FUTURE = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private final List<FieldRule> rules;

    CommonFieldsNormalizer(List<FieldRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Reads the mapping; a mapping with problems is rejected with all of them listed. */
    public static CommonFieldsNormalizer fromMapping(InputStream mapping) {
        try {
            JsonNode root = new ObjectMapper().readTree(mapping);
            List<FieldRule> rules = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            JsonNode fields = root.path("fields");
            for (int i = 0; i < fields.size(); i++) {
                JsonNode field = fields.get(i);
                String target = field.path("target").asText("");
                String type = field.path("type").asText("string");
                List<FieldPath> from = new ArrayList<>();
                field.path("from").forEach(path -> from.add(FieldPath.parse(path.asText())));
                if (target.isBlank()) {
                    problems.add("fields[" + i + "]: target missing");
                }
                if (from.isEmpty()) {
                    problems.add("fields[" + i + "] (" + target + "): no source paths");
                }
                FieldType fieldType = FieldType.parse(type);
                if (fieldType == null) {
                    problems.add("fields[" + i + "] (" + target + "): unknown type '" + type + "'");
                } else if (!target.isBlank() && !from.isEmpty()) {
                    rules.add(new FieldRule(target, fieldType, from));
                }
            }
            if (fields.isEmpty()) {
                problems.add("no 'fields' in mapping");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid common-field mapping: " + String.join("; ", problems));
            }
            return new CommonFieldsNormalizer(rules);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable common-field mapping", e);
        }
    }

    @Override
    public String name() {
        return "common-fields";
    }

    @Override
    public Phase phase() {
        return Phase.NORMALIZE;
    }

    @Override
    public StageResult process(Event event) {
        Map<String, Object> common = new LinkedHashMap<>();
        Instant eventTime = null;
        for (FieldRule rule : rules) {
            Object value = rule.firstValue(event.fields());
            if (value == null) {
                continue;
            }
            if (rule.type() == FieldType.TIMESTAMP) {
                Instant parsed = Timestamps.parse(value);
                if (parsed != null && isPlausible(parsed, event.receivedAt())) {
                    eventTime = parsed;
                }
                continue;
            }
            Object converted = rule.type().convert(value);
            if (converted != null) {
                common.put(rule.target(), converted);
            }
        }
        Instant time = eventTime != null ? eventTime : event.receivedAt();
        common.put("time", time.toEpochMilli());
        common.put("metadata.time_source", eventTime != null ? "event" : "received");
        return new StageResult.Continue(event.withTime(time).withCommon(common));
    }

    private static boolean isPlausible(Instant time, Instant receivedAt) {
        return !time.isBefore(EARLIEST) && !time.isAfter(receivedAt.plus(MAX_FUTURE));
    }

    record FieldRule(String target, FieldType type, List<FieldPath> from) {
        Object firstValue(Map<String, Object> fields) {
            for (FieldPath path : from) {
                Object value = path.resolve(fields);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }
    }
}
