package io.vigil.sigma.index;

import io.vigil.sigma.CaseFolding;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Aho-Corasick over code points: finds every occurrence of every pattern in one pass over the text. Patterns and
 * texts arrive already case-folded; the automaton compares code points exactly. Immutable and thread-safe once built.
 *
 * <p>Transitions are stored sparsely (sorted labels per state, binary search). When the automaton is small enough, an
 * ASCII character also has a dense, failure-resolved transition table over the ASCII characters the patterns use;
 * every other ASCII character leads back to the root. Otherwise only the root has a dense ASCII table, where most of
 * the time is spent when nothing matches.
 *
 * <p>The dense table is read once per character of every value of every event, so its step is kept to one add and
 * one array read: an entry holds the next state's row offset ({@code state × classes}) rather than its number, and
 * is negated ({@code ~offset}) when that state ends a pattern, so a step without output costs no further read. Case
 * folding of ASCII letters is folded into the character classes.
 */
final class AhoCorasick implements LiteralSearch {

    /**
     * Largest dense table, in entries (states × ASCII classes; 16 MiB of ints). The biggest shipped automaton, the
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
    /** As {@link #asciiClass} for a folding search: {@code A}–{@code Z} share the columns of {@code a}–{@code z}. */
    private final int[] foldedAsciiClass;
    private final int classes;
    /**
     * {@code dense[offset + class]}, {@code offset} being {@code state × classes}: the row offset of the next state
     * after an ASCII character, {@code ~offset} when that state has output; null when the table would be larger than
     * {@link #MAX_DENSE_ENTRIES}.
     */
    private final int[] dense;
    /** The first state on the output chain of each state ({@code -1}: none). */
    private final int[] firstOutput;
    /**
     * Bit {@code a × 128 + b} is set when some pattern starts with the ASCII characters {@code a b}; null when a
     * pattern is one character long or too many pairs start one for the test to pay. At the root, a position whose
     * pair starts no pattern cannot start a match, so the search steps over it without entering the automaton: one
     * bit test per character and no dependence on the previous step, where the automaton's step waits for the
     * previous one. Automata whose patterns start in few ways pass over most characters of an event so.
     */
    private final long[] startPairs;
    /** The fewest code points of a pattern: a text with fewer chars holds none. */
    private final int shortest;

    private AhoCorasick(int patternCount, int shortest, int[] edgeStart, int[] labels, int[] targets,
            int[][] outputs) {
        this.patternCount = patternCount;
        this.shortest = shortest;
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
        // Breadth first: order[] is the queue, order[0] the root.
        int[] order = new int[states];
        int visited = 1;
        int queued = 1;
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            fail[targets[e]] = 0;
            outputLink[targets[e]] = -1;
            order[queued++] = targets[e];
        }
        while (visited < queued) {
            int state = order[visited++];
            for (int e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
                int child = targets[e];
                int f = fail[state];
                int next;
                while ((next = step(f, labels[e])) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = Math.max(next, 0);
                outputLink[child] = outputs[fail[child]].length > 0 ? fail[child] : outputLink[fail[child]];
                order[queued++] = child;
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
        this.foldedAsciiClass = asciiClass.clone();
        for (int c = 'A'; c <= 'Z'; c++) {
            foldedAsciiClass[c] = asciiClass[c + ('a' - 'A')];
        }
        this.dense = (long) states * used > MAX_DENSE_ENTRIES ? null : denseTable(order, states);
        this.startPairs = startPairs();
    }

    /** Most distinct starting pairs for which {@link #startPairs} is kept. */
    private static final int MAX_START_PAIRS = 128;

    private long[] startPairs() {
        long[] pairs = new long[128 * 128 / 64];
        int count = 0;
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            int first = targets[e];
            if (outputs[first].length > 0) {
                return null; // a one-character pattern
            }
            for (int f = edgeStart[first]; f < edgeStart[first + 1]; f++) {
                if (labels[e] < 128 && labels[f] < 128) {
                    int bit = labels[e] << 7 | labels[f];
                    if ((pairs[bit >>> 6] & 1L << bit) == 0) {
                        pairs[bit >>> 6] |= 1L << bit;
                        count++;
                    }
                }
            }
        }
        return count <= MAX_START_PAIRS ? pairs : null;
    }

    /** Failure-resolved ASCII transitions; states in breadth-first order, so a state's failure is filled first. */
    private int[] denseTable(int[] order, int states) {
        int[] table = new int[states * classes];
        for (int c = 0; c < 128; c++) {
            if (asciiClass[c] != 0) {
                table[asciiClass[c]] = entry(Math.max(rootAscii[c], 0));
            }
        }
        for (int i = 1; i < states; i++) {
            int state = order[i];
            int base = state * classes;
            int failBase = fail[state] * classes;
            System.arraycopy(table, failBase, table, base, classes);
            for (int e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
                if (labels[e] < 128) {
                    table[base + asciiClass[labels[e]]] = entry(targets[e]);
                }
            }
        }
        return table;
    }

    /** The dense table's entry for a transition into {@code state}. */
    private int entry(int state) {
        int offset = state * classes;
        return firstOutput[state] >= 0 ? ~offset : offset;
    }

    /** Pattern {@code i} of the list gets id {@code i}; patterns must be non-empty. */
    static AhoCorasick of(List<String> patterns) {
        // The trie is built from the patterns in code point order, so that each pattern shares its prefix with the
        // one before it and every state's children come in label order: plain arrays, no map of edges (building
        // the largest shipped automaton, 7,000 literals, runs while the first events of its kind wait).
        int count = patterns.size();
        int[][] codePoints = new int[count][];
        Integer[] order = new Integer[count];
        int shortest = Integer.MAX_VALUE;
        for (int id = 0; id < count; id++) {
            String pattern = patterns.get(id);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern " + id);
            }
            codePoints[id] = pattern.codePoints().toArray();
            shortest = Math.min(shortest, codePoints[id].length);
            order[id] = id;
        }
        Arrays.sort(order, (a, b) -> {
            int byText = Arrays.compare(codePoints[a], codePoints[b]);
            return byText != 0 ? byText : Integer.compare(a, b);
        });
        IntList parents = new IntList();
        IntList edgeLabels = new IntList();
        IntList children = new IntList();
        IntList endings = new IntList(); // pattern ids, with the state each ends in at the same index
        IntList endStates = new IntList();
        int[] path = new int[1];
        int[] previous = new int[0];
        int states = 1;
        for (int id : order) {
            int[] pattern = codePoints[id];
            int shared = Arrays.mismatch(previous, pattern);
            shared = shared < 0 ? pattern.length : Math.min(shared, Math.min(previous.length, pattern.length));
            if (path.length < pattern.length + 1) {
                path = Arrays.copyOf(path, Math.max(pattern.length + 1, 2 * path.length));
            }
            for (int depth = shared; depth < pattern.length; depth++) {
                parents.add(path[depth]);
                edgeLabels.add(pattern[depth]);
                children.add(states);
                path[depth + 1] = states++;
            }
            endings.add(id);
            endStates.add(path[pattern.length]);
            previous = pattern;
        }
        // Edges grouped by parent; within a parent they were added in label order.
        int[] edgeStart = new int[states + 1];
        for (int e = 0; e < parents.size(); e++) {
            edgeStart[parents.get(e) + 1]++;
        }
        for (int state = 0; state < states; state++) {
            edgeStart[state + 1] += edgeStart[state];
        }
        int[] fill = Arrays.copyOf(edgeStart, states);
        int[] labels = new int[parents.size()];
        int[] targets = new int[parents.size()];
        for (int e = 0; e < parents.size(); e++) {
            int at = fill[parents.get(e)]++;
            labels[at] = edgeLabels.get(e);
            targets[at] = children.get(e);
        }
        int[] outputCount = new int[states];
        for (int e = 0; e < endStates.size(); e++) {
            outputCount[endStates.get(e)]++;
        }
        int[][] outputs = new int[states][];
        for (int state = 0; state < states; state++) {
            outputs[state] = outputCount[state] == 0 ? NO_OUTPUT : new int[outputCount[state]];
            outputCount[state] = 0;
        }
        for (int e = 0; e < endStates.size(); e++) {
            int state = endStates.get(e);
            outputs[state][outputCount[state]++] = endings.get(e);
        }
        return new AhoCorasick(count, count == 0 ? 0 : shortest, edgeStart, labels, targets, outputs);
    }

    private static final int[] NO_OUTPUT = new int[0];

    /** A growable list of ints, for building the trie without boxing. */
    private static final class IntList {
        private int[] values = new int[64];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = value;
        }

        int get(int index) {
            return values[index];
        }

        int size() {
            return size;
        }
    }

    int patternCount() {
        return patternCount;
    }

    int stateCount() {
        return outputs.length;
    }

    /** Reports the id of every pattern occurring in {@code text}, once per occurrence. */
    @Override
    public void search(String text, IntConsumer onPattern) {
        search(text, false, onPattern);
    }

    /**
     * As {@link #search(String, IntConsumer)} over {@code CaseFolding.fold(text)}, folding as it reads (folding is
     * per code point), so the folded text is never built.
     */
    @Override
    public void searchFolding(String text, IntConsumer onPattern) {
        search(text, true, onPattern);
    }

    private void search(String text, boolean fold, IntConsumer onPattern) {
        // Folding maps each code point to one, and a text has no more code points than chars.
        if (text.length() < shortest) {
            return;
        }
        if (dense != null) {
            searchDense(text, fold, onPattern);
        } else {
            searchSparse(text, fold, onPattern);
        }
    }

    /** One add and one array read per ASCII character; the state is kept as its row offset in {@link #dense}. */
    private void searchDense(String text, boolean fold, IntConsumer onPattern) {
        int[] table = dense;
        int[] columns = fold ? foldedAsciiClass : asciiClass;
        long[] pairs = startPairs;
        int offset = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            if (offset == 0 && pairs != null) {
                i = skipToStart(text, i, length, pairs, fold);
            }
            char c = text.charAt(i);
            int next;
            if (c < 128) {
                i++;
                next = table[offset + columns[c]];
                if (next >= 0) {
                    offset = next;
                    continue;
                }
                offset = ~next;
            } else {
                int codePoint = text.codePointAt(i);
                i += Character.charCount(codePoint);
                int state = stepFrom(offset / classes, fold ? CaseFolding.fold(codePoint) : codePoint);
                offset = state * classes;
                if (firstOutput[state] < 0) {
                    continue;
                }
            }
            report(offset / classes, onPattern);
        }
    }

    /**
     * The first position from {@code i} where a pattern may start: one whose ASCII pair is in {@link #startPairs},
     * or one that is not a pair of ASCII characters (left to the automaton), or the last character.
     */
    private static int skipToStart(String text, int i, int length, long[] pairs, boolean fold) {
        int last = length - 1;
        while (i < last) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if ((a | b) >= 128) {
                return i;
            }
            if (fold) {
                a = ASCII_LOWER[a];
                b = ASCII_LOWER[b];
            }
            int bit = a << 7 | b;
            if ((pairs[bit >>> 6] & 1L << bit) != 0) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static final char[] ASCII_LOWER = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }

    private void searchSparse(String text, boolean fold, IntConsumer onPattern) {
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
            state = stepFrom(state, codePoint);
            if (firstOutput[state] >= 0) {
                report(state, onPattern);
            }
        }
    }

    /** The next state: the goto function, following failure links until a transition exists or the root is reached. */
    private int stepFrom(int state, int codePoint) {
        int next;
        while ((next = step(state, codePoint)) < 0 && state != 0) {
            state = fail[state];
        }
        return Math.max(next, 0);
    }

    private void report(int state, IntConsumer onPattern) {
        for (int s = firstOutput[state]; s >= 0; s = outputLink[s]) {
            for (int pattern : outputs[s]) {
                onPattern.accept(pattern);
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
