package io.vigil.ingest.decode;

import com.google.re2j.Matcher;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A vendor's message format kept as data ({@code io/vigil/content/decoders/families/*.json}): which messages it
 * claims ({@code match}: field → RE2/J pattern, all must find), a header pattern whose named groups become
 * fields, an optional structured body ({@code kv} with its separators, or a {@link CsvDefinition}), and
 * message patterns (message id → extraction). Every pattern whose {@code when} holds and whose regex finds adds
 * its named groups and constants; a field already set is never overwritten, so earlier patterns win.
 *
 * <p>For speed (with the same results): every pattern first checks the literal text it needs ({@link Regex}), and a
 * message pattern that could only write fields already set is not run at all.
 */
record VendorFamily(String name, Map<String, Regex> match, Regex header, Body body, List<MessagePattern> patterns,
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
    record MessagePattern(Map<String, Regex> when, String field, Regex pattern, Map<String, String> set,
                          Set<String> writes) {
        MessagePattern(Map<String, Regex> when, String field, Regex pattern, Map<String, String> set) {
            this(when, field, pattern, set, writes(pattern, set));
        }

        MessagePattern {
            when = Map.copyOf(when);
            set = Map.copyOf(set);
            writes = Set.copyOf(writes);
        }

        private static Set<String> writes(Regex pattern, Map<String, String> set) {
            Set<String> writes = new HashSet<>(set.keySet());
            if (pattern != null) {
                writes.addAll(pattern.groups());
            }
            return writes;
        }

        /** Whether applying this pattern can still change {@code event}: some field it writes is missing. */
        boolean canAdd(Map<String, Object> event) {
            for (String field : writes) {
                if (!event.containsKey(field)) {
                    return true;
                }
            }
            return false;
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
            if (!p.canAdd(event) || !holds(p.when(), event)) {
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
        fields.putNew(event, key, value);
    }

    private static boolean holds(Map<String, Regex> conditions, Map<String, Object> event) {
        for (Map.Entry<String, Regex> condition : conditions.entrySet()) {
            Object value = event.get(condition.getKey());
            if (value == null || value instanceof Map<?, ?> || !condition.getValue().find(String.valueOf(value))) {
                return false;
            }
        }
        return true;
    }

    private static boolean groups(Regex pattern, String text, Map<String, Object> event, Fields fields) {
        Matcher m = pattern.first(text);
        if (m == null) {
            return false;
        }
        for (String group : pattern.pattern().namedGroups().keySet()) {
            String value = m.group(group);
            if (value != null && !value.isEmpty()) {
                putIfAbsent(event, group, value, fields);
            }
        }
        return true;
    }
}
