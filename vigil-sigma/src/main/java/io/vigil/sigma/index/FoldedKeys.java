package io.vigil.sigma.index;

import io.vigil.sigma.CaseFolding;
import java.util.Map;

/**
 * An immutable map from case-folded texts to rule numbers, looked up by a text that is not folded: the lookup folds
 * ASCII letters as it hashes and compares, so the folded text is never built (the candidate index looks up every
 * indexed value of every event). A text with a character outside ASCII is folded in full first
 * ({@link CaseFolding#fold}). Open addressing with linear probing; the hash is {@link String#hashCode} of the folded
 * text.
 */
final class FoldedKeys {

    private final String[] keys;
    private final int[][] values;
    private final int mask;
    /**
     * Bit {@code first × 128 + last}: some key starts with the ASCII character {@code first} and ends with the ASCII
     * character {@code last}. Most event values of an indexed field equal no key, and a text whose first and last
     * characters are ASCII is known to match none by two reads and a bit test, without hashing it whole. Keys that
     * start or end outside ASCII set {@link #nonAsciiEnds}, which turns the test off.
     */
    private final long[] ends = new long[128 * 128 / 64];
    private final boolean nonAsciiEnds;

    /** @param entries keys already case-folded */
    FoldedKeys(Map<String, int[]> entries) {
        int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
        this.keys = new String[capacity];
        this.values = new int[capacity][];
        this.mask = capacity - 1;
        boolean nonAscii = false;
        for (String key : entries.keySet()) {
            if (key.isEmpty() || key.charAt(0) >= 0x80 || key.charAt(key.length() - 1) >= 0x80) {
                nonAscii = true;
            } else {
                int pair = key.charAt(0) << 7 | key.charAt(key.length() - 1);
                ends[pair >>> 6] |= 1L << pair;
            }
        }
        this.nonAsciiEnds = nonAscii;
        entries.forEach((key, value) -> {
            int slot = key.hashCode() & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
        });
    }

    /** The rules of the key equal to {@code CaseFolding.fold(text)}, or null. */
    int[] get(String text) {
        int length = text.length();
        if (!nonAsciiEnds && length > 0) {
            // Keys are folded, and folding keeps an ASCII character ASCII: a folded text starts and ends as the
            // text does, with ASCII letters in lower case, whatever lies between.
            char first = text.charAt(0);
            char last = text.charAt(length - 1);
            if (first < 0x80 && last < 0x80) {
                int pair = lowerAscii(first) << 7 | lowerAscii(last);
                if ((ends[pair >>> 6] & 1L << pair) == 0) {
                    return null;
                }
            }
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return getFolded(CaseFolding.fold(text));
            }
            hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        for (int slot = hash & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (equalsFolding(keys[slot], text)) {
                return values[slot];
            }
        }
        return null;
    }

    private int[] getFolded(String folded) {
        for (int slot = folded.hashCode() & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (keys[slot].equals(folded)) {
                return values[slot];
            }
        }
        return null;
    }

    private static int lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** Whether the folded {@code key} equals the ASCII {@code text} with its letters folded. */
    private static boolean equalsFolding(String key, String text) {
        int length = text.length();
        if (key.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (key.charAt(i) != (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c)) {
                return false;
            }
        }
        return true;
    }
}
