package io.vigil.ingest.decode;

/**
 * A bound of {@link DecoderLimits} was hit, or the input cannot be what the codec reads. Unchecked so that it
 * unwinds a parser quickly; every decoder turns it into {@link io.vigil.core.pipeline.DecodeResult.Failed}.
 */
final class LimitExceeded extends RuntimeException {

    LimitExceeded(String message) {
        super(message, null, false, false);
    }
}
