package io.vigil.core.json;

/** JSON string literals written by hand, where a JSON library would be out of place (hash chains, tiny payloads). */
public final class JsonStrings {

    private JsonStrings() {
    }

    /**
     * Appends {@code value} as a JSON string: quotes and backslashes escaped, the named control characters as
     * {@code \b \t \n \f \r}, other control characters as {@code \}{@code u00XX}, everything else as it is. The audit hash
     * chain depends on these exact bytes: do not change them.
     */
    public static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
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
