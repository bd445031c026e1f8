package io.vigil.sigma;

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

    public static String fold(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return foldFrom(text, i);
            }
        }
        return text;
    }

    public static int fold(int codePoint) {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }

    private static String foldFrom(String text, int start) {
        // Event values are mostly ASCII: fold those characters without code point arithmetic, and hand the rest of
        // the text to the general path at the first non-ASCII character.
        int length = text.length();
        char[] ascii = new char[length];
        text.getChars(0, start, ascii, 0);
        int i = start;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                break;
            }
            ascii[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        if (i == length) {
            return new String(ascii);
        }
        StringBuilder folded = new StringBuilder(length);
        folded.append(ascii, 0, i);
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            folded.appendCodePoint(fold(codePoint));
            i += Character.charCount(codePoint);
        }
        return folded.toString();
    }
}
