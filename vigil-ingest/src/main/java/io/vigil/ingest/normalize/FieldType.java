package io.vigil.ingest.normalize;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/** How a common field's value is converted; a value that does not convert is left out, never guessed. */
enum FieldType {
    STRING {
        @Override
        Object convert(Object value) {
            return value instanceof java.util.Map<?, ?> || value instanceof java.util.List<?> ? null : String.valueOf(value);
        }
    },
    IP {
        @Override
        Object convert(Object value) {
            if (!(value instanceof String text) || text.length() > 45
                    || !(IPV4.matcher(text).matches() || IPV6_CHARS.matcher(text).matches() && text.indexOf(':') >= 0)) {
                return null;
            }
            try {
                // Only a dotted quad or a text with ':' reaches here: Java parses both as literals and never
                // asks DNS (a name such as "cafe" would have been a lookup on the pipeline thread).
                return InetAddress.getByName(text).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
    },
    TIMESTAMP {
        @Override
        Object convert(Object value) {
            return Timestamps.parse(value);
        }
    };

    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    abstract Object convert(Object value);

    static FieldType parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
