package io.vigil.ingest.decode;

import java.util.Map;

/**
 * Reads {@code key=value} text. Values may be quoted with {@code "} or {@code '} (backslash escapes inside);
 * unquoted values end at the pair separator. Tokens without a value separator ({@code DF}, {@code ACK} in an
 * iptables line) are skipped; a key already present keeps its first value. One pass, no regex, no backtracking.
 *
 * @param pairSeparator  the character between pairs; {@code 0} for any run of whitespace
 * @param valueSeparator the character between key and value ({@code =}, or {@code :} for Check Point)
 */
record KeyValues(char pairSeparator, char valueSeparator) {

    static final KeyValues WHITESPACE_EQUALS = new KeyValues((char) 0, '=');
    static final int MAX_KEY = 128;

    /** Adds the pairs found in {@code text} to {@code target}; returns how many. */
    int parse(String text, Fields fields, Map<String, Object> target) {
        char[] t = text.toCharArray(); // one bulk copy: a tighter loop than charAt's per-character checks
        int n = t.length;
        int i = 0;
        int count = 0;
        while (i < n) {
            while (i < n && isSeparator(t[i])) {
                i++;
            }
            int keyStart = i;
            while (i < n && t[i] != valueSeparator && !isSeparator(t[i])) {
                i++;
            }
            int keyEnd = i;
            if (i >= n || t[i] != valueSeparator) {
                continue;
            }
            i++;
            String key = text.substring(keyStart, keyEnd).strip();
            String value;
            if (i < n && (t[i] == '"' || t[i] == '\'')) {
                char quote = t[i++];
                int start = i;
                while (i < n && t[i] != quote && t[i] != '\\') {
                    i++;
                }
                if (i < n && t[i] == '\\') { // escapes: copy character by character from here
                    StringBuilder quoted = new StringBuilder().append(text, start, i);
                    while (i < n && t[i] != quote) {
                        char c = t[i++];
                        if (c == '\\' && i < n) {
                            c = t[i++];
                        }
                        quoted.append(c);
                    }
                    value = quoted.toString();
                } else {
                    value = text.substring(start, i);
                }
                i++;
                // Anything glued to the closing quote up to the separator belongs to this value's token; drop it.
                while (i < n && !isSeparator(t[i])) {
                    i++;
                }
            } else {
                int start = i;
                while (i < n && !isSeparator(t[i])) {
                    i++;
                }
                value = text.substring(start, i);
            }
            if (!key.isEmpty() && key.length() <= MAX_KEY
                    && fields.putNew(target, key, pairSeparator == 0 ? value : value.strip())) {
                count++;
            }
        }
        return count;
    }

    /** Whether {@code text} looks like key=value data: at least {@code min} pairs of a plain key and a value. */
    static boolean looksLike(String text, int min) {
        int pairs = 0;
        int n = Math.min(text.length(), 2048);
        for (int i = 1; i < n && pairs < min; i++) {
            if (text.charAt(i) == '=' && isKeyChar(text.charAt(i - 1))) {
                int j = i - 1;
                while (j > 0 && isKeyChar(text.charAt(j - 1))) {
                    j--;
                }
                if (j == 0 || Character.isWhitespace(text.charAt(j - 1)) || text.charAt(j - 1) == ',') {
                    pairs++;
                }
            }
        }
        return pairs >= min;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private boolean isSeparator(char c) {
        if (pairSeparator != 0) {
            return c == pairSeparator;
        }
        return (c <= ' ' || c >= 0x80) && Character.isWhitespace(c); // printable ASCII is never whitespace
    }
}
