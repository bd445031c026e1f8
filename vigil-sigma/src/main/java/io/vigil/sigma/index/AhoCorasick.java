package io.vigil.sigma.index;

import io.vigil.sigma.CaseFolding;
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
 * <p>Transitions are stored sparsely (sorted labels per state, binary search). When the automaton is small enough, an
 * ASCII character also has a dense, failure-resolved transition table (one array read per character) over the ASCII
 * characters the patterns use; every other ASCII character leads back to the root. Otherwise only the root has a
 * dense ASCII table, where most of the time is spent when nothing matches.
 */
final class AhoCorasick {

    private static final int CODE_POINT_BITS = 21;
    /**
     * Largest dense table, in entries (states × ASCII classes; 8 MiB of chars). The biggest shipped automaton, the
     * SigmaHQ {@code CommandLine} literals of Windows process creation, has about 31,000 states and 70 classes.
     */
    private static final int MAX_DENSE_ENTRIES = 1 << 22;

    private final int patternCount;
    private final int[] edgeStart;
    private final int[] labels;
    private final int[] targets;
    private final int[] fail;
    private final int[] outputLink;
    private final int[][] outputs;
    private final int[] rootAscii;
    /** ASCII character → column of {@link #dense}; 0 for characters no pattern uses. */
    private final int[] asciiClass;
    private final int classes;
    /**
     * {@code dense[state * classes + class]}: the next state after an ASCII character; null when the automaton has
     * more states than a char holds or the table would be larger than {@link #MAX_DENSE_ENTRIES}.
     */
    private final char[] dense;
    /** The first state on the output chain of each state ({@code -1}: none), so a step without output costs one read. */
    private final int[] firstOutput;

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
        int[] order = new int[states];
        int visited = 1;
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            fail[targets[e]] = 0;
            outputLink[targets[e]] = -1;
            queue.add(targets[e]);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            order[visited++] = state;
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
        this.firstOutput = new int[states];
        for (int s = 0; s < states; s++) {
            firstOutput[s] = outputs[s].length > 0 ? s : outputLink[s];
        }
        this.asciiClass = new int[128];
        int used = 1;
        for (int label : labels) {
            if (label < 128 && asciiClass[label] == 0) {
                asciiClass[label] = used++;
            }
        }
        this.classes = used;
        this.dense = states > Character.MAX_VALUE + 1 || (long) states * used > MAX_DENSE_ENTRIES ? null
                : denseTable(order, states);
    }

    /** Failure-resolved ASCII transitions; states in breadth-first order, so a state's failure is filled first. */
    private char[] denseTable(int[] order, int states) {
        char[] table = new char[states * classes];
        for (int c = 0; c < 128; c++) {
            if (asciiClass[c] != 0) {
                table[asciiClass[c]] = (char) Math.max(rootAscii[c], 0);
            }
        }
        for (int i = 1; i < states; i++) {
            int state = order[i];
            int base = state * classes;
            int failBase = fail[state] * classes;
            System.arraycopy(table, failBase, table, base, classes);
            for (int e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
                if (labels[e] < 128) {
                    table[base + asciiClass[labels[e]]] = (char) targets[e];
                }
            }
        }
        return table;
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
        search(text, false, onPattern);
    }

    /**
     * As {@link #search(String, IntConsumer)} over {@code CaseFolding.fold(text)}, folding as it reads (folding is
     * per code point), so the folded text is never built.
     */
    void searchFolding(String text, IntConsumer onPattern) {
        search(text, true, onPattern);
    }

    private void search(String text, boolean fold, IntConsumer onPattern) {
        int state = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int codePoint = text.charAt(i);
            if (codePoint < 128) {
                i++;
                if (fold && codePoint >= 'A' && codePoint <= 'Z') {
                    codePoint += 'a' - 'A';
                }
            } else {
                codePoint = text.codePointAt(i);
                i += Character.charCount(codePoint);
                if (fold) {
                    codePoint = CaseFolding.fold(codePoint);
                }
            }
            if (codePoint < 128 && dense != null) {
                state = dense[state * classes + asciiClass[codePoint]];
            } else {
                int next;
                while ((next = step(state, codePoint)) < 0 && state != 0) {
                    state = fail[state];
                }
                state = Math.max(next, 0);
            }
            for (int s = firstOutput[state]; s >= 0; s = outputLink[s]) {
                for (int pattern : outputs[s]) {
                    onPattern.accept(pattern);
                }
            }
        }
    }

    /** Whether the dense ASCII table was built; for tests. */
    boolean isDense() {
        return dense != null;
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
