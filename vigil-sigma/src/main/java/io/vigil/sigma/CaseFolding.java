package io.vigil.sigma;

import java.util.Locale;

/**
 * Locale-independent, per-code-point case folding for Sigma's case-insensitive matching.
 *
 * <p>Each code point becomes {@code toLowerCase(toUpperCase(cp))}. This never depends on the JVM's default locale
 * (with a Turkish default, {@code "TITLE".toLowerCase()} is {@code "tıtle"} and a rule would silently stop matching),
 * keeps string length in code points (so {@code ß} does not fold to {@code ss}; capital {@code ẞ} does fold to
 * {@code ß}), and folds the Turkish {@code İ}, {@code ı} together with {@code I} and {@code i}: for detection a missed
 * evasion is worse than an extra match.
 */
public final class CaseFolding {

    private CaseFolding() {
    }

    /** Texts at least this long that need folding are remembered per thread ({@link #RECENT}). */
    private static final int REMEMBER_FROM = 24;
    private static final int RECENT_SLOTS = 64;
    /**
     * The last long texts each thread folded, by identity: {@code [text, folded, text, folded, ...]}, direct-mapped
     * by hash. The index and every matcher of every candidate rule fold the same event value (the same
     * {@code String} object, read from the same event); this folds it once. Holds at most {@value #RECENT_SLOTS}
     * texts per thread. A text is immutable and compared by identity, so a remembered folding is always right.
     */
    private static final ThreadLocal<String[]> RECENT = ThreadLocal.withInitial(() -> new String[2 * RECENT_SLOTS]);

    public static String fold(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return length < REMEMBER_FROM ? foldFrom(text, i) : remembered(text, i);
            }
        }
        return text;
    }

    private static String remembered(String text, int start) {
        String[] recent = RECENT.get();
        // The string's own hash, computed once per string and kept in it; an identity hash would be made and
        // written into the header of every fresh event value.
        int slot = (text.hashCode() & (RECENT_SLOTS - 1)) << 1;
        if (recent[slot] == text) {
            return recent[slot + 1];
        }
        String folded = foldFrom(text, start);
        recent[slot] = text;
        recent[slot + 1] = folded;
        return folded;
    }

    private static boolean asciiFrom(String text, int start) {
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public static int fold(int codePoint) {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }

    private static String foldFrom(String text, int start) {
        if (asciiFrom(text, start)) {
            // Folding an ASCII text lower-cases its letters, which is what the root locale's lower case does, on the
            // string's own bytes (no char[] to fill and compress back).
            return text.toLowerCase(Locale.ROOT);
        }
        // Event values are mostly ASCII: fold those characters without code point arithmetic. Other characters of
        // the Basic Multilingual Plane fold into the same char[] when their folding stays in it; a surrogate pair,
        // or a folding that leaves the plane, hands the rest of the text to the general code point path.
        int length = text.length();
        char[] chars = new char[length];
        text.getChars(0, start, chars, 0);
        int i = start;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                chars[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            } else {
                int folded = Character.isSurrogate(c) ? -1 : fold((int) c);
                if (folded < 0 || folded > Character.MAX_VALUE || Character.isSurrogate((char) folded)) {
                    break;
                }
                chars[i] = (char) folded;
            }
        }
        if (i == length) {
            return new String(chars);
        }
        StringBuilder folded = new StringBuilder(length);
        folded.append(chars, 0, i);
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            folded.appendCodePoint(fold(codePoint));
            i += Character.charCount(codePoint);
        }
        return folded.toString();
    }
}
