package io.vigil.core.pipeline;

import io.vigil.core.event.Event;
import java.util.Objects;

/** What an {@link EventStage} did with one event. */
public sealed interface StageResult {

    /** Hand this (possibly changed) event to the next stage. */
    record Continue(Event event) implements StageResult {
        public Continue {
            Objects.requireNonNull(event, "event");
        }
    }

    /** Stop here on purpose (a filter); counted, not stored. */
    record Dropped(String reason) implements StageResult {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The event cannot be processed; it goes to the failure store with this reason. */
    record Failed(String reason) implements StageResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
