package io.vigil.ingest.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every source path of a mapping, numbered, and indexed by the top-level keys it can start from: each dotted prefix
 * of the path as it is ({@code Event}, {@code Event.System}, ... for {@code Event.System.EventID}), and its first
 * segment in lower case. An event's top-level keys then name the few paths that can resolve in it ({@link EventKeys});
 * the mapping has some 360 paths and an event has a few dozen keys.
 */
final class PathIndex {

    private final List<FieldPath> paths = new ArrayList<>();
    private final Map<String, int[]> byKey = new HashMap<>();
    private final Map<String, int[]> byLowerCaseHead = new HashMap<>();

    /** Parses a path of this mapping and numbers it. */
    FieldPath parse(String text) {
        FieldPath path = FieldPath.parse(text, paths.size());
        paths.add(path);
        for (int end = 1; end <= path.segments().length; end++) {
            add(byKey, path.keys()[0][end], path.id());
        }
        add(byLowerCaseHead, path.lowerCaseSegments()[0], path.id());
        return path;
    }

    int size() {
        return paths.size();
    }

    /** The paths that may start at {@code key}, as it is. */
    int[] startingAt(String key) {
        return byKey.get(key);
    }

    /** The paths whose first segment is {@code lowerCaseKey} in lower case. */
    int[] startingAtIgnoringCase(String lowerCaseKey) {
        return byLowerCaseHead.get(lowerCaseKey);
    }

    private static void add(Map<String, int[]> index, String key, int id) {
        int[] ids = index.get(key);
        if (ids == null) {
            index.put(key, new int[] {id});
        } else if (ids[ids.length - 1] != id) {
            int[] grown = Arrays.copyOf(ids, ids.length + 1);
            grown[ids.length] = id;
            index.put(key, grown);
        }
    }

    static String lowerCase(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
