/**
 * The ingest pipeline SPI: {@link io.vigil.core.pipeline.Decoder}s turn raw bytes into fields,
 * {@link io.vigil.core.pipeline.EventStage}s normalise, enrich and detect, {@link io.vigil.core.pipeline.Output}s
 * keep the result, and the {@link io.vigil.core.pipeline.FailureStore} keeps what failed, with its bytes.
 */
package io.vigil.core.pipeline;
