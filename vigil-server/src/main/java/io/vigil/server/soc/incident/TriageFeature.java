package io.vigil.server.soc.incident;

import io.vigil.core.pipeline.Output;

/** What triage adds to the pipeline: an output placed after the detections output. */
public record TriageFeature(Output output) {
}
