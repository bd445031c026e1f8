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
        StringBuilder folded = new StringBuilder(text.length());
        folded.append(text, 0, start);
        int i = start;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            folded.appendCodePoint(fold(codePoint));
            i += Character.charCount(codePoint);
        }
        return folded.toString();
    }
}
