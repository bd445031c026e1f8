package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a text message carries, shared by the {@code syslog} and {@code kv} codecs: a CEF, LEEF or JSON payload
 * (recognised by their prefixes), else the first vendor family that claims it, else plain key=value pairs when
 * there are at least three. Adds the fields to the event and returns the payload's name for {@code _vigil}.
 */
final class Payload {

    private static final SourceRef INNER = new SourceRef("syslog", "payload", JsonDecoder.CODEC);

    private final DecoderDefinitions definitions;
    private final JsonDecoder json;

    Payload(DecoderDefinitions definitions, JsonDecoder json) {
        this.definitions = definitions;
        this.json = json;
    }

    /** What was found in a message: the payload kind ({@code cef}, {@code leef}, {@code json}, {@code kv},
     * {@code text}) and the vendor family that read it, or null. */
    record Found(String payload, String family) {
        boolean nothing() {
            return payload.equals("text") && family == null;
        }
    }

    /** Reads {@code message} (already put in {@code event}) into {@code event}. */
    Found read(String message, RawEvent raw, Fields fields, Map<String, Object> event) {
        if (CefDecoder.find(message) >= 0) {
            CefDecoder.parse(message, fields, event);
            return new Found("cef", null);
        }
        if (LeefDecoder.find(message) >= 0) {
            LeefDecoder.parse(message, fields, event);
            return new Found("leef", null);
        }
        String trimmed = message.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            DecodeResult inner = json.decode(new RawEvent(raw.tenant(), INNER, raw.receivedAt(),
                    trimmed.getBytes(StandardCharsets.UTF_8)));
            if (inner instanceof DecodeResult.Decoded decoded) {
                decoded.events().getFirst().forEach((k, v) -> {
                    if (!event.containsKey(k)) {
                        fields.put(event, k, v);
                    }
                });
                return new Found("json", null);
            }
        }
        VendorFamily family = definitions.claims().first(event);
        if (family != null) {
            family.apply(event, fields);
            return new Found("text", family.name());
        }
        if (KeyValues.looksLike(message, 3)) {
            KeyValues.WHITESPACE_EQUALS.parse(message, fields, event);
            return new Found("kv", null);
        }
        return new Found("text", null);
    }

    static Map<String, Object> marker(String format, Found found) {
        Map<String, Object> marker = new java.util.LinkedHashMap<>();
        marker.put("format", format);
        marker.put("payload", found.payload());
        if (found.family() != null) {
            marker.put("family", found.family());
        }
        return marker;
    }
}
