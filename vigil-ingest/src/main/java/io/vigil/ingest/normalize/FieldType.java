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
            if (!(value instanceof String text) || text.length() > 45 || !IP_CHARS.matcher(text).matches()) {
                return null;
            }
            try {
                // Only literals reach here (the pattern rejects names), so no DNS lookup can happen.
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

    private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    abstract Object convert(Object value);

    static FieldType parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
