package io.vigil.ingest.decode;

import java.util.Map;

/**
 * IBM QRadar Log Event Extended Format, versions 1.0 ({@code LEEF:1.0|Vendor|Product|Version|EventID|} then
 * tab-separated attributes) and 2.0 (a sixth header field names the attribute delimiter: one character, or
 * {@code xHH}/{@code 0xHH} in hex). Header fields become {@code leef.version}, {@code vendor}, {@code product},
 * {@code version}, {@code eventId}; attributes keep their names.
 */
public final class LeefDecoder extends HeaderFormatDecoder {

    public static final String CODEC = "leef";

    public LeefDecoder(DecoderLimits limits) {
        super(CODEC, limits);
    }

    @Override
    void read(String text, Fields fields, Map<String, Object> event) {
        parse(text, fields, event);
    }

    static int find(String text) {
        int at = text.indexOf("LEEF:");
        return at >= 0 && at < 512 && at + 5 < text.length() && Character.isDigit(text.charAt(at + 5)) ? at : -1;
    }

    static void parse(String text, Fields fields, Map<String, Object> event) {
        int at = find(text);
        if (at < 0) {
            throw new LimitExceeded("no LEEF header: expected 'LEEF:<version>|'");
        }
        String[] header = new String[6];
        int i = at + 5;
        int count = 0;
        int start = i;
        while (i < text.length() && count < 5) {
            if (text.charAt(i) == '|') {
                header[count++] = text.substring(start, i);
                start = i + 1;
            }
            i++;
        }
        if (count < 5) {
            throw new LimitExceeded("LEEF header has " + count + " of 5 '|'-separated fields");
        }
        String version = header[0];
        char delimiter = '\t';
        if (version.startsWith("2")) {
            int end = text.indexOf('|', i);
            if (end >= 0 && end - i <= 4) {
                delimiter = delimiter(text.substring(i, end));
                i = end + 1;
            }
        }
        String[] names = {"leef.version", "vendor", "product", "version", "eventId"};
        for (int h = 0; h < names.length; h++) {
            fields.put(event, names[h], header[h]);
        }
        new KeyValues(delimiter, '=').parse(text.substring(i), fields, event);
    }

    private static char delimiter(String spec) {
        String hex = spec.startsWith("0x") || spec.startsWith("0X") ? spec.substring(2)
                : spec.length() > 1 && (spec.charAt(0) == 'x' || spec.charAt(0) == 'X') ? spec.substring(1) : null;
        if (hex != null && !hex.isEmpty()) {
            try {
                return (char) Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new LimitExceeded("LEEF 2.0 delimiter '" + spec + "' is not a character or hex code");
            }
        }
        if (spec.length() != 1) {
            return '\t';
        }
        return spec.charAt(0);
    }
}
