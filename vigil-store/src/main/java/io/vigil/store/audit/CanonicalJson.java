package io.vigil.store.audit;

import io.vigil.core.json.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The byte form that audit hashes are computed over: compact JSON, keys in ascending order, no whitespace, UTF-8.
 * Strings escape {@code "} and {@code \}, the control characters {@code \b \t \n \f \r} by their short forms and
 * every other character below U+0020 as {@code \}{@code u00xx} (lower-case hex); everything else, non-ASCII
 * included, is written as it is. This is the string form of RFC 8785 (JCS), and a line never contains a newline,
 * so one entry is one line of {@code entries.jsonl}.
 */
final class CanonicalJson {

    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    CanonicalJson() {
        out.append('{');
    }

    /** Appends a member; callers add members in ascending key order. */
    CanonicalJson string(String key, String value) {
        key(key);
        if (value == null) {
            out.append("null");
        } else {
            quote(out, value);
        }
        return this;
    }

    CanonicalJson number(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    /** A member whose value is already canonical JSON. */
    CanonicalJson raw(String key, String json) {
        key(key);
        out.append(json);
        return this;
    }

    String end() {
        return out.append('}').toString();
    }

    private void key(String key) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(out, key);
        out.append(':');
    }

    static void quote(StringBuilder out, String value) {
        JsonStrings.quote(out, value);
    }

    /**
     * Text as the log keeps it: NUL (which PostgreSQL cannot store) and unpaired surrogates (which have no UTF-8
     * form) become U+FFFD, so that what is hashed is exactly what is stored and read back.
     */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        String cut = value.length() <= max ? value : value.substring(0, max);
        StringBuilder result = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean bad = c == '\0'
                    || Character.isHighSurrogate(c) && (i + 1 >= cut.length() || !Character.isLowSurrogate(cut.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(cut.charAt(i - 1)));
            if (bad && result == null) {
                result = new StringBuilder(cut.length()).append(cut, 0, i);
            }
            if (result != null) {
                result.append(bad ? '\uFFFD' : c);
            }
        }
        return result == null ? cut : result.toString();
    }

    /** The lower-case hex SHA-256 of a line's UTF-8 bytes (what {@code sha256sum} prints). */
    static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
