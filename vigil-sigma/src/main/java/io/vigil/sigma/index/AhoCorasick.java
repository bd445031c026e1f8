package io.vigil.sigma.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Aho-Corasick over code points: finds every occurrence of every pattern in one pass over the text. Patterns and
 * texts arrive already case-folded; the automaton compares code points exactly. Immutable and thread-safe once built.
 *
 * <p>Transitions are stored sparsely (sorted labels per state, binary search) with a dense table for ASCII at the
 * root, where most of the time is spent when nothing matches.
 */
final class AhoCorasick {

    private static final int CODE_POINT_BITS = 21;

    private final int patternCount;
    private final int[] edgeStart;
    private final int[] labels;
    private final int[] targets;
    private final int[] fail;
    private final int[] outputLink;
    private final int[][] outputs;
    private final int[] rootAscii;

    private AhoCorasick(int patternCount, int[] edgeStart, int[] labels, int[] targets, int[][] outputs) {
        this.patternCount = patternCount;
        this.edgeStart = edgeStart;
        this.labels = labels;
        this.targets = targets;
        this.outputs = outputs;
        int states = outputs.length;
        this.rootAscii = new int[128];
        Arrays.fill(rootAscii, -1);
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            if (labels[e] < 128) {
                rootAscii[labels[e]] = targets[e];
            }
        }
        this.fail = new int[states];
        this.outputLink = new int[states];
        outputLink[0] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            fail[targets[e]] = 0;
            outputLink[targets[e]] = -1;
            queue.add(targets[e]);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
                int child = targets[e];
                int f = fail[state];
                int next;
                while ((next = step(f, labels[e])) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = Math.max(next, 0);
                outputLink[child] = outputs[fail[child]].length > 0 ? fail[child] : outputLink[fail[child]];
                queue.add(child);
            }
        }
    }

    /** Pattern {@code i} of the list gets id {@code i}; patterns must be non-empty. */
    static AhoCorasick of(List<String> patterns) {
        Map<Long, Integer> edges = new HashMap<>();
        List<List<Integer>> ending = new ArrayList<>();
        ending.add(new ArrayList<>());
        for (int id = 0; id < patterns.size(); id++) {
            String pattern = patterns.get(id);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern " + id);
            }
            int state = 0;
            for (int i = 0; i < pattern.length(); ) {
                int codePoint = pattern.codePointAt(i);
                i += Character.charCount(codePoint);
                long key = ((long) state << CODE_POINT_BITS) | codePoint;
                Integer next = edges.get(key);
                if (next == null) {
                    next = ending.size();
                    ending.add(new ArrayList<>());
                    edges.put(key, next);
                }
                state = next;
            }
            ending.get(state).add(id);
        }
        long[] keys = edges.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int states = ending.size();
        int[] edgeStart = new int[states + 1];
        int[] labels = new int[keys.length];
        int[] targets = new int[keys.length];
        for (int e = 0; e < keys.length; e++) {
            int from = (int) (keys[e] >>> CODE_POINT_BITS);
            edgeStart[from + 1]++;
            labels[e] = (int) (keys[e] & ((1L << CODE_POINT_BITS) - 1));
            targets[e] = edges.get(keys[e]);
        }
        for (int s = 0; s < states; s++) {
            edgeStart[s + 1] += edgeStart[s];
        }
        int[][] outputs = new int[states][];
        for (int s = 0; s < states; s++) {
            outputs[s] = ending.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
        return new AhoCorasick(patterns.size(), edgeStart, labels, targets, outputs);
    }

    int patternCount() {
        return patternCount;
    }

    int stateCount() {
        return outputs.length;
    }

    /** Reports the id of every pattern occurring in {@code text}, once per occurrence. */
    void search(String text, IntConsumer onPattern) {
        int state = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int next;
            while ((next = step(state, codePoint)) < 0 && state != 0) {
                state = fail[state];
            }
            state = Math.max(next, 0);
            for (int s = outputs[state].length > 0 ? state : outputLink[state]; s >= 0; s = outputLink[s]) {
                for (int pattern : outputs[s]) {
                    onPattern.accept(pattern);
                }
            }
        }
    }

    private int step(int state, int codePoint) {
        if (state == 0 && codePoint < 128) {
            return rootAscii[codePoint];
        }
        int low = edgeStart[state];
        int high = edgeStart[state + 1] - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int label = labels[mid];
            if (label < codePoint) {
                low = mid + 1;
            } else if (label > codePoint) {
                high = mid - 1;
            } else {
                return targets[mid];
            }
        }
        return -1;
    }
}
