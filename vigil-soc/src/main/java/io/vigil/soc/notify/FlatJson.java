package io.vigil.soc.notify;

import io.vigil.core.json.JsonStrings;
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
            JsonStrings.quote(out, k);
            out.append(':');
            if (v instanceof Number) {
                out.append(v);
            } else {
                JsonStrings.quote(out, String.valueOf(v));
            }
        });
        return out.append('}').toString();
    }
}
