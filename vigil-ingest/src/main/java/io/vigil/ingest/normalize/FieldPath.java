package io.vigil.ingest.normalize;

import java.util.Map;

/**
 * A dotted path into a tree of maps. At each level the longest remaining key that exists literally is
 * taken first, so that keys containing dots ({@code id.orig_h}) and nested objects both resolve. When no key
 * matches exactly, {@link #resolveIgnoringCase} matches a segment ignoring case ({@code eventName} finds
 * {@code eventname}: collectors that lower-case keys are common), at the cost of one scan of that level's keys.
 */
record FieldPath(String path, String[] segments, String head, String[][] keys) {

    private static final Object MISSING = new Object();

    static FieldPath parse(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("empty field path");
        }
        String[] segments = path.split("\\.", -1);
        // keys[from][end]: segments from..end-1 joined by dots, made once here rather than per event
        String[][] keys = new String[segments.length][segments.length + 1];
        for (int from = 0; from < segments.length; from++) {
            for (int end = from + 1; end <= segments.length; end++) {
                keys[from][end] = String.join(".", java.util.Arrays.copyOfRange(segments, from, end));
            }
        }
        return new FieldPath(path, segments, segments[0].toLowerCase(java.util.Locale.ROOT), keys);
    }

    /** The value at this path, keys matched exactly. */
    Object resolve(Map<String, Object> root) {
        return resolve(root, 0, false);
    }

    /**
     * The value at this path where a segment may differ in case; for use after every exact path has missed.
     * {@code lowerCaseKeys} holds the root's keys in lower case: a path whose first segment is not among them
     * (most paths, for most events) is skipped without scanning the root; a dotted key at the root is matched
     * only exactly (in {@link #resolve}).
     */
    Object resolveIgnoringCase(Map<String, Object> root, java.util.Set<String> lowerCaseKeys) {
        if (!lowerCaseKeys.contains(head)) {
            return null;
        }
        return resolve(root, 0, true);
    }

    private Object resolve(Map<String, Object> map, int from, boolean ignoreCase) {
        // Try the longest literal key first: "id.orig_h" before "id" -> "orig_h".
        for (int end = segments.length; end > from; end--) {
            Object value = map.getOrDefault(keys[from][end], MISSING); // one lookup, and null values still count
            if (value == MISSING) {
                continue;
            }
            if (end == segments.length) {
                return value;
            }
            if (value instanceof Map<?, ?> child) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                Object found = resolve(next, end, ignoreCase);
                if (found != null) {
                    return found;
                }
            }
        }
        if (!ignoreCase) {
            return null;
        }
        String segment = segments[from];
        // Keys, not entries: an unmodifiable map's entry set wraps every entry it hands out, and nearly every key
        // is passed over; the value is looked up only for a key that differs from the segment in case alone.
        for (String key : map.keySet()) {
            if (key.length() != segment.length() || !key.equalsIgnoreCase(segment) || key.equals(segment)) {
                continue;
            }
            Object value = map.get(key);
            if (from + 1 == segments.length) {
                return value;
            }
            if (value instanceof Map<?, ?> child) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                Object found = resolve(next, from + 1, true);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath that && that.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
