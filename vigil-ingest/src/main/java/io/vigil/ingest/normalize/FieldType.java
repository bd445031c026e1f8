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
    INTEGER {
        @Override
        Object convert(Object value) {
            if (value instanceof Long || value instanceof Integer) {
                return ((Number) value).longValue();
            }
            if (value instanceof String text && !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(text);
            }
            return null;
        }
    },
    /** A number (sensor readings, confidences): kept as a double. */
    NUMBER {
        @Override
        Object convert(Object value) {
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            if (value instanceof String text && !text.isEmpty() && text.length() <= 32) {
                try {
                    double parsed = Double.parseDouble(text.strip());
                    return Double.isFinite(parsed) ? parsed : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    },
    /** A port: an integer from 0 to 65535. */
    PORT {
        @Override
        Object convert(Object value) {
            Object number = INTEGER.convert(value);
            return number instanceof Long port && port <= 65_535 ? port : null;
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
