package io.vigil.ingest.normalize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the normaliser knows of one event's keys: which of the mapping's source paths can resolve in it, exactly or
 * ignoring case, from its top-level keys ({@link PathIndex}); a path that cannot is passed over without a map
 * lookup. And, built on first use for each map of the event, its keys by their ASCII lower case, so that matching a
 * path segment ignoring case is a lookup rather than a scan of the map's keys for every path that reaches it.
 */
final class EventKeys {

    private final long[] exact;
    private final long[] ignoringCase;
    private Map<Map<?, ?>, KeysByCase> byCase;

    EventKeys(Map<String, ?> fields, PathIndex index) {
        this.exact = new long[(index.size() + 63) >>> 6];
        this.ignoringCase = new long[exact.length];
        for (String key : fields.keySet()) {
            mark(exact, index.startingAt(key));
            mark(ignoringCase, index.startingAtIgnoringCase(PathIndex.lowerCase(key)));
        }
    }

    /** Whether {@code path} may resolve with its keys as they are. */
    boolean mayResolve(FieldPath path) {
        return (exact[path.id() >>> 6] & 1L << path.id()) != 0;
    }

    /** Whether {@code path}'s first segment is a top-level key ignoring case. */
    boolean mayResolveIgnoringCase(FieldPath path) {
        return (ignoringCase[path.id() >>> 6] & 1L << path.id()) != 0;
    }

    private static void mark(long[] bits, int[] ids) {
        if (ids != null) {
            for (int id : ids) {
                bits[id >>> 6] |= 1L << id;
            }
        }
    }

    /**
     * The keys of {@code map} that equal {@code lowerCaseSegment} ignoring case, in the map's order; null when the
     * map has a key outside ASCII (which may equal an ASCII segment ignoring case, as the Kelvin sign equals
     * {@code k}): the caller then scans the map's keys itself.
     */
    List<String> keysIgnoringCase(Map<?, ?> map, String lowerCaseSegment) {
        if (byCase == null) {
            byCase = new IdentityHashMap<>();
        }
        KeysByCase keys = byCase.get(map);
        if (keys == null) {
            keys = KeysByCase.of(map);
            byCase.put(map, keys);
        }
        return keys.keys() == null ? null : keys.matching(lowerCaseSegment);
    }

    /** A map's keys by their ASCII lower case: a key, or a list of keys when several differ in case alone. */
    private record KeysByCase(Map<String, Object> keys) {

        static KeysByCase of(Map<?, ?> map) {
            Map<String, Object> keys = new HashMap<>(map.size() * 2);
            for (Object key : map.keySet()) {
                if (!(key instanceof String name) || !isAscii(name)) {
                    return new KeysByCase(null);
                }
                String lower = PathIndex.lowerCase(name);
                Object known = keys.putIfAbsent(lower, name);
                if (known != null) {
                    List<String> several = new ArrayList<>();
                    if (known instanceof String one) {
                        several.add(one);
                    } else {
                        @SuppressWarnings("unchecked")
                        List<String> list = (List<String>) known;
                        several.addAll(list);
                    }
                    several.add(name);
                    keys.put(lower, several);
                }
            }
            return new KeysByCase(keys);
        }

        @SuppressWarnings("unchecked")
        List<String> matching(String lowerCaseSegment) {
            Object found = keys.get(lowerCaseSegment);
            return found == null ? List.of() : found instanceof String one ? List.of(one) : (List<String>) found;
        }

        private static boolean isAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }
    }
}
