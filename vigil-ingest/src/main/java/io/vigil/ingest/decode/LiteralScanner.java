package io.vigil.ingest.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;

/**
 * An Aho–Corasick automaton over a fixed list of strings: one pass over a text tells which of them it contains,
 * exactly as {@link String#contains} would for each. The vendor families' claim pre-filters ({@link FamilyClaims})
 * need this for some thirty literals per message; asking {@code contains} for each read the message thirty times.
 *
 * <p>The automaton is a complete transition table over the characters that occur in the strings (every other
 * character leads back to the start), built once and read-only afterwards, so one instance serves any number of
 * threads.
 */
final class LiteralScanner {

    private final int size;
    private final int[] asciiClass;
    private final char[] otherChars;
    private final int[] otherClass;
    private final int classes;
    private final int words;
    /** Empty strings, contained in every text. */
    private final long[] always;
    /**
     * The transitions, by {@code offset + class} where a state's offset is its number times {@link #classes}.
     * States are numbered so that those where some string ends come last, from {@link #firstFound} on: the scan
     * then tells them by one comparison.
     */
    private final int[] next;
    private final int firstFound;
    /** The strings ending at each state from {@link #firstFound} on, suffixes included. */
    private final long[][] found;

    /** An automaton for {@code literals}; bit {@code i} of a {@link #scan} result stands for {@code literals.get(i)}. */
    LiteralScanner(List<String> literals) {
        this.size = literals.size();
        // Character classes: 0 for a character in no literal, then one per distinct character.
        Map<Character, Integer> classOf = new TreeMap<>();
        for (String literal : literals) {
            for (int i = 0; i < literal.length(); i++) {
                classOf.putIfAbsent(literal.charAt(i), classOf.size() + 1);
            }
        }
        this.classes = classOf.size() + 1;
        this.asciiClass = new int[128];
        List<Character> others = new ArrayList<>();
        classOf.forEach((ch, cls) -> {
            if (ch < 128) {
                asciiClass[ch] = cls;
            } else {
                others.add(ch);
            }
        });
        this.otherChars = new char[others.size()];
        this.otherClass = new int[others.size()];
        for (int i = 0; i < others.size(); i++) { // TreeMap order: sorted, for binary search
            otherChars[i] = others.get(i);
            otherClass[i] = classOf.get(others.get(i));
        }
        this.words = Math.max(1, (size + 63) / 64);
        this.always = new long[words];
        // The trie: goto[state * classes + class], -1 where it has no edge.
        List<int[]> edges = new ArrayList<>();
        List<long[]> outputs = new ArrayList<>();
        edges.add(newRow());
        outputs.add(new long[words]);
        for (int index = 0; index < size; index++) {
            String literal = literals.get(index);
            if (literal.isEmpty()) {
                always[index >>> 6] |= 1L << index;
                continue;
            }
            int state = 0;
            for (int i = 0; i < literal.length(); i++) {
                int cls = classOf(literal.charAt(i));
                if (edges.get(state)[cls] < 0) {
                    edges.get(state)[cls] = edges.size();
                    edges.add(newRow());
                    outputs.add(new long[words]);
                }
                state = edges.get(state)[cls];
            }
            outputs.get(state)[index >>> 6] |= 1L << index;
        }
        // Breadth first: a state's failure link is shorter, so it is complete before the state is.
        int states = edges.size();
        int[] fail = new int[states];
        int[] next = new int[states * classes];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int cls = 0; cls < classes; cls++) {
            int to = edges.getFirst()[cls];
            next[cls] = Math.max(to, 0);
            if (to > 0) {
                fail[to] = 0;
                queue.add(to);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            long[] out = outputs.get(state);
            long[] inherited = outputs.get(fail[state]);
            for (int w = 0; w < words; w++) {
                out[w] |= inherited[w];
            }
            for (int cls = 0; cls < classes; cls++) {
                int to = edges.get(state)[cls];
                if (to < 0) {
                    next[state * classes + cls] = next[fail[state] * classes + cls];
                } else {
                    next[state * classes + cls] = to;
                    fail[to] = next[fail[state] * classes + cls];
                    queue.add(to);
                }
            }
        }
        // Renumber: states without strings first (the start, which has none, stays 0), then those with.
        int[] renumbered = new int[states];
        List<long[]> ending = new ArrayList<>();
        int plain = 0;
        for (int state = 0; state < states; state++) {
            if (Arrays.stream(outputs.get(state)).allMatch(w -> w == 0)) {
                renumbered[state] = plain++;
            }
        }
        for (int state = 0; state < states; state++) {
            if (Arrays.stream(outputs.get(state)).anyMatch(w -> w != 0)) {
                renumbered[state] = plain + ending.size();
                ending.add(outputs.get(state));
            }
        }
        this.next = new int[states * classes];
        for (int state = 0; state < states; state++) {
            for (int cls = 0; cls < classes; cls++) {
                this.next[renumbered[state] * classes + cls] = renumbered[next[state * classes + cls]] * classes;
            }
        }
        this.firstFound = plain * classes;
        this.found = ending.toArray(long[][]::new);
    }

    private int[] newRow() {
        int[] row = new int[classes];
        Arrays.fill(row, -1);
        return row;
    }

    private int classOf(char ch) {
        if (ch < 128) {
            return asciiClass[ch];
        }
        int at = Arrays.binarySearch(otherChars, ch);
        return at < 0 ? 0 : otherClass[at];
    }

    /** How many strings the automaton looks for. */
    int size() {
        return size;
    }

    /** The strings {@code text} contains, as a bit set over their indices. */
    long[] scan(String text) {
        long[] seen = always.clone();
        int offset = 0;
        for (char ch : text.toCharArray()) { // one bulk copy, then no per-character checks of the string's coding
            offset = next[offset + (ch < 128 ? asciiClass[ch] : classOf(ch))];
            if (offset >= firstFound) {
                long[] out = found[(offset - firstFound) / classes];
                for (int w = 0; w < words; w++) {
                    seen[w] |= out[w];
                }
            }
        }
        return seen;
    }

    static boolean contains(long[] seen, int index) {
        return (seen[index >>> 6] & 1L << index) != 0;
    }
}
