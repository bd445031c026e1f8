package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import java.util.Map;

/**
 * A decoder for one self-describing text format that starts with its own header ({@code CEF:}, {@code LEEF:}):
 * the event's text is read within the limits, parsed into fields and marked with the format's name; a parse
 * that breaks a limit or finds no header is a failure, never an exception.
 */
abstract class HeaderFormatDecoder implements Decoder {

    private final String codec;
    private final DecoderLimits limits;

    HeaderFormatDecoder(String codec, DecoderLimits limits) {
        this.codec = codec;
        this.limits = limits;
    }

    /** Reads {@code text} into {@code event}; throws {@link LimitExceeded} naming the problem. */
    abstract void read(String text, Fields fields, Map<String, Object> event);

    @Override
    public final String codec() {
        return codec;
    }

    @Override
    public final DecodeResult decode(RawEvent raw) {
        try {
            Fields fields = new Fields(limits);
            Map<String, Object> event = fields.map();
            read(Text.of(raw, limits), fields, event);
            fields.put(event, "_vigil", Map.of("format", codec));
            return DecodeResult.Decoded.one(event);
        } catch (LimitExceeded e) {
            return new DecodeResult.Failed(e.getMessage());
        }
    }
}
