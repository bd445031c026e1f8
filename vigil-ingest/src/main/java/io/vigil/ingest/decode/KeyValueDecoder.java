package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import java.util.Map;

/**
 * A line of {@code key=value} pairs without a syslog header (FortiGate, SonicWall and many appliances over
 * HTTP or file shipping). The text is kept in {@code message}; a vendor family that claims it reads it,
 * otherwise the pairs are taken as they are. Text without a single pair fails.
 */
public final class KeyValueDecoder implements Decoder {

    public static final String CODEC = "kv";

    private final DecoderLimits limits;
    private final Payload payload;

    public KeyValueDecoder(DecoderLimits limits, DecoderDefinitions definitions) {
        this.limits = limits;
        this.payload = new Payload(definitions, new JsonDecoder(limits));
    }

    @Override
    public String codec() {
        return CODEC;
    }

    @Override
    public DecodeResult decode(RawEvent raw) {
        try {
            String text = Text.of(raw, limits);
            if (!KeyValues.looksLike(text, 1)) {
                return new DecodeResult.Failed("no key=value pair in the event");
            }
            Fields fields = new Fields(limits);
            Map<String, Object> event = fields.eventMap();
            fields.put(event, "message", text);
            Payload.Found found = payload.read(text, raw, fields, event);
            if (found.nothing()) {
                KeyValues.WHITESPACE_EQUALS.parse(text, fields, event);
                found = new Payload.Found("kv", null);
            }
            fields.put(event, "_vigil", Payload.marker("kv", found));
            return DecodeResult.Decoded.one(event);
        } catch (LimitExceeded e) {
            return new DecodeResult.Failed(e.getMessage());
        }
    }
}
