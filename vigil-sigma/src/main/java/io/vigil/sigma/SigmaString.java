package io.vigil.sigma;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A Sigma string value after escape processing: text plus the positions that are wildcards.
 *
 * <p>Escapes per the specification: {@code \*} and {@code \?} are literal wildcard characters, {@code \\} is one
 * backslash, and a backslash before anything else is itself (so {@code C:\Windows} needs no escaping and three or
 * four backslashes both mean two).
 */
final class SigmaString {

    private final String text;
    private final BitSet wildcards;

    private SigmaString(String text, BitSet wildcards) {
        this.text = text;
        this.wildcards = wildcards;
    }

    static SigmaString parse(String raw) {
        StringBuilder text = new StringBuilder(raw.length());
        BitSet wildcards = new BitSet();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char escaped = raw.charAt(i + 1);
                if (escaped == '*' || escaped == '?' || escaped == '\\') {
                    text.append(escaped);
                    i += 2;
                    continue;
                }
                text.append(c);
            } else if (c == '*' || c == '?') {
                wildcards.set(text.length());
                text.append(c);
            } else {
                text.append(c);
            }
            i++;
        }
        return new SigmaString(text.toString(), wildcards);
    }

    String text() {
        return text;
    }

    boolean hasWildcards() {
        return !wildcards.isEmpty();
    }

    boolean isStar(int index) {
        return wildcards.get(index) && text.charAt(index) == '*';
    }

    boolean isWildcard(int index) {
        return wildcards.get(index);
    }

    int length() {
        return text.length();
    }

    SigmaString withLeadingStar() {
        if (!text.isEmpty() && isStar(0)) {
            return this;
        }
        BitSet shifted = new BitSet();
        shifted.set(0);
        wildcards.stream().forEach(i -> shifted.set(i + 1));
        return new SigmaString("*" + text, shifted);
    }

    SigmaString withTrailingStar() {
        if (!text.isEmpty() && isStar(text.length() - 1)) {
            return this;
        }
        BitSet extended = (BitSet) wildcards.clone();
        extended.set(text.length());
        return new SigmaString(text + "*", extended);
    }

    /** The text between the wildcards, for the fast matchers; only meaningful without inner wildcards. */
    String strip(int leading, int trailing) {
        return text.substring(leading, text.length() - trailing);
    }

    /** Literal segments separated by '*', '?' kept as wildcard markers; used by the glob matcher. */
    List<int[]> globTokens() {
        List<int[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int kind = wildcards.get(i) ? (codePoint == '*' ? Glob.STAR : Glob.ONE) : Glob.LITERAL;
            tokens.add(new int[] {kind, codePoint});
            i += Character.charCount(codePoint);
        }
        return tokens;
    }
}
