package io.vigil.core.pipeline;

import java.time.Clock;
import java.util.Objects;

/** What the pipeline gives a stage at {@link EventStage#init}. */
public record StageContext(Clock clock) {

    public StageContext {
        Objects.requireNonNull(clock, "clock");
    }
}
