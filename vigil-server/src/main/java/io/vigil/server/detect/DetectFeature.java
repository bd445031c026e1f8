package io.vigil.server.detect;

import io.vigil.core.pipeline.EventStage;
import io.vigil.core.pipeline.Output;
import java.util.List;

/** What detection adds to the pipeline: its stages and its outputs, both empty when detection is off. */
public record DetectFeature(List<EventStage> stages, List<Output> outputs) {

    public DetectFeature {
        stages = List.copyOf(stages);
        outputs = List.copyOf(outputs);
    }
}
