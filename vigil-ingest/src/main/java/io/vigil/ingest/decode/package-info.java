/**
 * Stateless decoders from raw bytes to fields. To add a format, implement
 * {@link io.vigil.core.pipeline.Decoder}, enforce {@link io.vigil.ingest.decode.DecoderLimits}, and register it
 * in {@link io.vigil.ingest.decode.Decoders}.
 */
package io.vigil.ingest.decode;
