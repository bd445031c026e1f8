package io.vigil.sigma.index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A few ASCII literals, each found through one two-character anchor of its own. For each literal the anchor is the
 * pair of adjacent characters least likely to occur in log text ({@link #weight}: rare letters and rare punctuation
 * over common letters); the search reads the text pair by pair, and only where a pair is some literal's anchor does
 * it compare that literal at that place. Unlike an automaton's step, a pair test does not wait for the previous one,
 * so the processor overlaps them: several times faster than {@link AhoCorasick} for the keyword literals every value
 * of every event is searched for. A text with a character outside ASCII (which may fold into ASCII, as the Kelvin
 * sign folds to {@code k}) is handed to the automaton.
 */
final class AnchoredLiterals implements LiteralSearch {

    /** More literals than this are searched by the automaton: anchors then collide and comparisons pile up. */
    static final int MAX_LITERALS = 64;

    private final char[][] literals;
    /** The shortest literal's length: a shorter text holds none (most values of an event are short). */
    private final int shortest;
    /** Bit {@code a × 128 + b}: the pair {@code a b} anchors some literal. */
    private final long[] anchors = new long[128 * 128 / 64];
    /** For each anchoring pair, {@code [literal, offset of the anchor in it, ...]}; null for other pairs. */
    private final int[][] byAnchor = new int[128 * 128][];
    private final AhoCorasick fallback;

    AnchoredLiterals(List<String> literals) {
        if (!suits(literals)) {
            throw new IllegalArgumentException("literals not suited to anchors");
        }
        this.literals = new char[literals.size()][];
        for (int id = 0; id < literals.size(); id++) {
            char[] literal = literals.get(id).toCharArray();
            this.literals[id] = literal;
            int offset = rarestPair(literal);
            int pair = literal[offset] << 7 | literal[offset + 1];
            anchors[pair >>> 6] |= 1L << pair;
            int[] entries = byAnchor[pair] == null ? new int[0] : byAnchor[pair];
            int[] grown = java.util.Arrays.copyOf(entries, entries.length + 2);
            grown[entries.length] = id;
            grown[entries.length + 1] = offset;
            byAnchor[pair] = grown;
        }
        this.shortest = literals.stream().mapToInt(String::length).min().orElseThrow();
        this.fallback = AhoCorasick.of(literals);
    }

    /** At most {@link #MAX_LITERALS} literals, each at least two characters long and all ASCII. */
    static boolean suits(List<String> literals) {
        if (literals.isEmpty() || literals.size() > MAX_LITERALS) {
            return false;
        }
        for (String literal : literals) {
            if (literal.length() < 2 || !literal.chars().allMatch(c -> c < 128)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void search(String text, IntConsumer onLiteral) {
        if (!search(text, false, onLiteral)) {
            fallback.search(text, onLiteral);
        }
    }

    @Override
    public void searchFolding(String text, IntConsumer onLiteral) {
        if (!search(text, true, onLiteral)) {
            fallback.searchFolding(text, onLiteral);
        }
    }

    /** False, having reported nothing, when the text has a character outside ASCII. */
    private boolean search(String text, boolean fold, IntConsumer onLiteral) {
        int length = text.length();
        if (length < shortest) {
            // Folding maps each code point to one, and a text has no more code points than chars.
            return true;
        }
        // The text's chars in a buffer of the thread's: the loop then reads an array, not the string.
        char[] chars = BUFFER.get();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
            if (chars.length <= MAX_KEPT_BUFFER) {
                BUFFER.set(chars); // a rare huge value is not kept for the thread's lifetime
            }
        }
        text.getChars(0, length, chars, 0);
        long[] bits = anchors;
        char[] lower = fold ? ASCII_LOWER : ASCII_SAME;
        int a = chars[0];
        if (a >= 128) {
            return false;
        }
        a = lower[a];
        // Found occurrences are reported only once the whole text is known to be ASCII.
        List<int[]> found = null;
        for (int i = 1; i < length; i++) {
            int b = chars[i];
            if (b >= 128) {
                return false;
            }
            b = lower[b];
            int pair = a << 7 | b;
            if ((bits[pair >>> 6] & 1L << pair) != 0) {
                found = compare(chars, length, i - 1, pair, lower, found);
            }
            a = b;
        }
        if (found != null) {
            for (int[] hit : found) {
                onLiteral.accept(hit[0]);
            }
        }
        return true;
    }

    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[256]);
    private static final int MAX_KEPT_BUFFER = 1 << 16;

    /** Compares each literal anchored by {@code pair} at the place the anchor found at {@code at} puts it. */
    private List<int[]> compare(char[] text, int length, int at, int pair, char[] lower, List<int[]> found) {
        int[] entries = byAnchor[pair];
        for (int e = 0; e < entries.length; e += 2) {
            char[] literal = literals[entries[e]];
            int start = at - entries[e + 1];
            if (start < 0 || start + literal.length > length) {
                continue;
            }
            boolean equal = true;
            for (int j = 0; j < literal.length && equal; j++) {
                char c = text[start + j];
                equal = c < 128 && lower[c] == literal[j];
            }
            if (equal) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(new int[] {entries[e]});
            }
        }
        return found;
    }

    /** The offset of the literal's pair with the least {@link #weight} product; the first of equals. */
    private static int rarestPair(char[] literal) {
        int best = 0;
        int bestWeight = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < literal.length; i++) {
            int weight = weight(literal[i]) * weight(literal[i + 1]);
            if (weight < bestWeight) {
                best = i;
                bestWeight = weight;
            }
        }
        return best;
    }

    /**
     * How common a character is in log text, roughly: the commonest letters of English and of Windows names, then
     * the other letters, digits and the punctuation of paths and times, then the rest. Only the order matters.
     */
    static int weight(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            char lower = Character.toLowerCase(c);
            if ("etaoinsrlcdhum".indexOf(lower) >= 0) {
                return 10;
            }
            return "kxjqz".indexOf(lower) >= 0 ? 2 : 6;
        }
        if (c >= '0' && c <= '9' || " .\\/-_".indexOf(c) >= 0) {
            return 6;
        }
        return c == ':' ? 4 : 2;
    }

    private static final char[] ASCII_LOWER = new char[128];
    private static final char[] ASCII_SAME = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_SAME[c] = c;
            ASCII_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }
}
