package io.vigil.soc.notify;

import java.util.Map;

/**
 * A flat JSON object of strings and numbers, the shape of every webhook body Vigil sends. Written by hand because the
 * SOC engine has no JSON library, and the few value types a body holds need none.
 */
public final class FlatJson {

    private FlatJson() {
    }

    /** The fields in their map's order; numbers stay numbers, everything else becomes a string. */
    public static String of(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, k);
            out.append(':');
            if (v instanceof Number) {
                out.append(v);
            } else {
                quote(out, String.valueOf(v));
            }
        });
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
