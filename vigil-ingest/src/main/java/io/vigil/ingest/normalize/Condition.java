package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One test of a family's {@code when}: a field path equal to a value (case-insensitive), in a list, or present. */
record Condition(FieldPath path, List<String> anyOf, boolean exists, String prefix) {

    static Condition parse(String path, JsonNode spec, PathIndex paths) {
        FieldPath field = paths.parse(path);
        if (spec.isObject()) {
            if (spec.has("startswith")) {
                return new Condition(field, List.of(), false, spec.get("startswith").asText().toLowerCase(Locale.ROOT));
            }
            return new Condition(field, List.of(), spec.path("exists").asBoolean(false), null);
        }
        List<String> values = new ArrayList<>();
        if (spec.isArray()) {
            spec.forEach(v -> values.add(v.asText().toLowerCase(Locale.ROOT)));
        } else {
            values.add(spec.asText().toLowerCase(Locale.ROOT));
        }
        return new Condition(field, values, false, null);
    }

    boolean holds(Map<String, Object> fields, EventKeys eventKeys) {
        Object value = path.resolve(fields, eventKeys);
        if (value == null) {
            value = path.resolveIgnoringCase(fields, eventKeys);
        }
        if (value == null) {
            return false;
        }
        if (exists) {
            return true;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return false;
        }
        String text = String.valueOf(value).toLowerCase(Locale.ROOT);
        return prefix != null ? text.startsWith(prefix) : anyOf.contains(text);
    }
}
