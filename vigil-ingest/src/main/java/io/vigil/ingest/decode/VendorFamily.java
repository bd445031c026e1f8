package io.vigil.ingest.decode;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import java.util.Map;

/**
 * A vendor's message format kept as data ({@code io/vigil/content/decoders/families/*.json}): which messages it
 * claims ({@code match}: field → RE2/J pattern, all must find), a header pattern whose named groups become
 * fields, an optional structured body ({@code kv} with its separators, or a {@link CsvDefinition}), and
 * message patterns (message id → extraction). Every pattern whose {@code when} holds and whose regex finds adds
 * its named groups and constants; a field already set is never overwritten, so earlier patterns win.
 */
record VendorFamily(String name, Map<String, Pattern> match, Pattern header, Body body, List<MessagePattern> patterns,
                    Map<String, String> set) {

    VendorFamily {
        match = Map.copyOf(match);
        patterns = List.copyOf(patterns);
        set = Map.copyOf(set);
    }

    /** How the part of a message after its header is read. */
    sealed interface Body {
        String field();

        record KeyValue(String field, KeyValues syntax, String strip) implements Body {
        }

        record Delimited(String field, CsvDefinition definition) implements Body {
        }
    }

    /** One message type: when its conditions hold, its pattern's named groups and constants become fields. */
    record MessagePattern(Map<String, Pattern> when, String field, Pattern pattern, Map<String, String> set) {
        MessagePattern {
            when = Map.copyOf(when);
            set = Map.copyOf(set);
        }
    }

    boolean claims(Map<String, Object> event) {
        return holds(match, event);
    }

    /** Adds what this family reads from {@code event}'s fields to it. */
    void apply(Map<String, Object> event, Fields fields) {
        if (header != null && event.get("message") instanceof String message) {
            groups(header, message, event, fields);
        }
        if (body != null && event.get(body.field()) instanceof String text) {
            switch (body) {
                case Body.KeyValue kv -> {
                    String content = text;
                    if (kv.strip() != null && !content.isEmpty() && content.charAt(0) == kv.strip().charAt(0)) {
                        content = content.substring(1);
                    }
                    if (kv.strip() != null && !content.isEmpty() && content.charAt(content.length() - 1) == kv.strip().charAt(1)) {
                        content = content.substring(0, content.length() - 1);
                    }
                    kv.syntax().parse(content, fields, event);
                }
                case Body.Delimited d -> {
                    List<String> cells = d.definition().split(text, fields);
                    d.definition().name(cells, d.definition().columnsFor(cells), fields, event);
                }
            }
        }
        for (MessagePattern p : patterns) {
            if (!holds(p.when(), event)) {
                continue;
            }
            boolean matched = p.pattern() == null
                    || event.get(p.field()) instanceof String value && groups(p.pattern(), value, event, fields);
            if (matched) {
                p.set().forEach((k, v) -> putIfAbsent(event, k, v, fields));
            }
        }
        set.forEach((k, v) -> putIfAbsent(event, k, v, fields));
    }

    private static void putIfAbsent(Map<String, Object> event, String key, String value, Fields fields) {
        if (!event.containsKey(key)) {
            fields.put(event, key, value);
        }
    }

    private static boolean holds(Map<String, Pattern> conditions, Map<String, Object> event) {
        for (Map.Entry<String, Pattern> condition : conditions.entrySet()) {
            Object value = event.get(condition.getKey());
            if (value == null || value instanceof Map<?, ?> || !condition.getValue().matcher(String.valueOf(value)).find()) {
                return false;
            }
        }
        return true;
    }

    private static boolean groups(Pattern pattern, String text, Map<String, Object> event, Fields fields) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return false;
        }
        for (String group : pattern.namedGroups().keySet()) {
            String value = m.group(group);
            if (value != null && !value.isEmpty()) {
                putIfAbsent(event, group, value, fields);
            }
        }
        return true;
    }
}
