package io.vigil.core.pipeline;

import io.vigil.core.event.RawEvent;

/**
 * Turns the bytes of one raw event into zero or more events' fields. Decoders are stateless and
 * thread-safe; windows and correlations live in the detection engine. A decoder enforces its own bounds
 * (length, field count, nesting depth) and reports violations as {@link DecodeResult.Failed}, never by
 * throwing.
 */
public interface Decoder {

    /** The codec name transports put in {@link io.vigil.core.event.SourceRef#codec()}. */
    String codec();

    DecodeResult decode(RawEvent raw);
}
