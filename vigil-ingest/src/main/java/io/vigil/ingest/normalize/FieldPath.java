package io.vigil.ingest.normalize;

import java.util.List;
import java.util.Map;

/**
 * A dotted path into a tree of maps. At each level the longest remaining key that exists literally is
 * taken first, so that keys containing dots ({@code id.orig_h}) and nested objects both resolve. When no key
 * matches exactly, {@link #resolveIgnoringCase} matches a segment ignoring case ({@code eventName} finds
 * {@code eventname}: collectors that lower-case keys are common), at the cost of one scan of that level's keys.
 */
record FieldPath(String path, String[] segments, String[] lowerCaseSegments, String[][] keys, int id) {

    private static final Object MISSING = new Object();

    /** @param id the path's number in its mapping ({@link PathIndex}) */
    static FieldPath parse(String path, int id) {
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
        String[] lowerCaseSegments = new String[segments.length];
        for (int i = 0; i < segments.length; i++) {
            lowerCaseSegments[i] = segments[i].toLowerCase(java.util.Locale.ROOT);
        }
        return new FieldPath(path, segments, lowerCaseSegments, keys, id);
    }

    /** The value at this path, keys matched exactly. */
    Object resolve(Map<String, Object> root) {
        return resolve(root, 0, null);
    }

    /** As {@link #resolve(Map)}, passing over a path that cannot start at any of the event's keys. */
    Object resolve(Map<String, Object> root, EventKeys eventKeys) {
        return eventKeys.mayResolve(this) ? resolve(root, 0, null) : null;
    }

    /**
     * The value at this path where a segment may differ in case; for use after every exact path has missed.
     * A path whose first segment is not among the root's keys in lower case (most paths, for most events) is
     * skipped without scanning the root; a dotted key at the root is matched only exactly (in {@link #resolve}).
     */
    Object resolveIgnoringCase(Map<String, Object> root, EventKeys eventKeys) {
        if (!eventKeys.mayResolveIgnoringCase(this)) {
            return null;
        }
        return resolve(root, 0, eventKeys);
    }

    /** @param ignoringCase null to match keys exactly; else the event's keys, to match a segment ignoring case */
    private Object resolve(Map<String, Object> map, int from, EventKeys ignoringCase) {
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
                Object found = resolve(next, end, ignoringCase);
                if (found != null) {
                    return found;
                }
            }
        }
        if (ignoringCase == null) {
            return null;
        }
        String segment = segments[from];
        List<String> candidates = ignoringCase.keysIgnoringCase(map, lowerCaseSegments[from]);
        // Keys, not entries: an unmodifiable map's entry set wraps every entry it hands out, and nearly every key
        // is passed over; the value is looked up only for a key that differs from the segment in case alone.
        for (String key : candidates != null ? candidates : map.keySet()) {
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
                Object found = resolve(next, from + 1, ignoringCase);
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
