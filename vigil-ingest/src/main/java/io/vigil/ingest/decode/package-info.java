/**
 * Stateless decoders from raw bytes to fields, and the codec registry {@link io.vigil.ingest.decode.Decoders}.
 * Text formats (syslog, CEF, LEEF, key=value, Linux audit, delimited) share bounded scanners; vendor families and
 * delimited formats are data ({@link io.vigil.ingest.decode.DecoderDefinitions}, RE2/J patterns) in vigil-content.
 * Every decoder enforces {@link io.vigil.ingest.decode.DecoderLimits} and reports bad input as
 * {@link io.vigil.core.pipeline.DecodeResult.Failed}, never by throwing. See docs/decoders.md.
 */
package io.vigil.ingest.decode;
