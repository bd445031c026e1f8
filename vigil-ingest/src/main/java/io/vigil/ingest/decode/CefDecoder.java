package io.vigil.ingest.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ArcSight Common Event Format: {@code CEF:Version|Vendor|Product|Version|SignatureID|Name|Severity|Extension}.
 * Header fields become {@code cef.version}, {@code deviceVendor}, {@code deviceProduct}, {@code deviceVersion},
 * {@code deviceEventClassId}, {@code name}, {@code severity} (the names the CEF specification gives them);
 * extension keys keep their names. A syslog header before {@code CEF:} is read by the {@code syslog} codec.
 */
public final class CefDecoder extends HeaderFormatDecoder {

    public static final String CODEC = "cef";
    private static final String[] HEADER = {"cef.version", "deviceVendor", "deviceProduct", "deviceVersion",
        "deviceEventClassId", "name", "severity"};

    public CefDecoder(DecoderLimits limits) {
        super(CODEC, limits);
    }

    @Override
    void read(String text, Fields fields, Map<String, Object> event) {
        parse(text, fields, event);
    }

    /** Index of {@code CEF:<digit>} within the first 512 characters, or -1. */
    static int find(String text) {
        int at = text.indexOf("CEF:");
        return at >= 0 && at < 512 && at + 4 < text.length() && Character.isDigit(text.charAt(at + 4)) ? at : -1;
    }

    static void parse(String text, Fields fields, Map<String, Object> event) {
        int at = find(text);
        if (at < 0) {
            throw new LimitExceeded("no CEF header: expected 'CEF:<version>|'");
        }
        int i = at + 4;
        List<String> header = new ArrayList<>(7);
        StringBuilder current = new StringBuilder();
        while (i < text.length() && header.size() < 7) {
            char c = text.charAt(i++);
            if (c == '\\' && i < text.length()) {
                current.append(text.charAt(i++));
            } else if (c == '|') {
                header.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (header.size() < 7) {
            throw new LimitExceeded("CEF header has " + header.size() + " of 7 '|'-separated fields");
        }
        for (int h = 0; h < HEADER.length; h++) {
            fields.put(event, HEADER[h], header.get(h));
        }
        extension(text.substring(i), fields, event);
    }

    /**
     * Extension pairs: a value runs until the space before the next unescaped {@code key=}; {@code \=},
     * {@code \\}, {@code \n} and {@code \r} are unescaped.
     */
    static void extension(String text, Fields fields, Map<String, Object> event) {
        int n = text.length();
        int keyStart = -1;
        int keyEnd = -1;
        int valueStart = -1;
        int i = 0;
        while (i <= n) {
            int eq = nextKey(text, i);
            if (keyStart >= 0) {
                int valueEnd = eq < 0 ? n : eq;
                if (eq >= 0) {
                    // back up over the next key and the space before it
                    valueEnd = Math.max(valueStart, keyStart(text, eq));
                }
                fields.put(event, text.substring(keyStart, keyEnd), unescape(text.substring(valueStart, valueEnd).strip()));
            }
            if (eq < 0) {
                return;
            }
            keyStart = keyStart(text, eq);
            keyEnd = eq;
            valueStart = eq + 1;
            i = eq + 1;
        }
    }

    /** The next unescaped '=' from {@code from} that has a non-empty key before it, or -1. */
    private static int nextKey(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=') {
                int k = keyStart(text, i);
                if (k < i && (k == 0 || Character.isWhitespace(text.charAt(k - 1)))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int keyStart(String text, int eq) {
        int k = eq;
        while (k > 0 && isKeyChar(text.charAt(k - 1)) && eq - k < KeyValues.MAX_KEY) {
            k--;
        }
        return k;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '[' || c == ']' || c == '-';
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
