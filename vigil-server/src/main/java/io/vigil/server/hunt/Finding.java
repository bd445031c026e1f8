package io.vigil.server.hunt;

import io.vigil.sigma.Detection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A detection with where it was found: file, line (1-based, where the event starts), event time, the event. */
public record Finding(Detection detection, String file, long line, Optional<String> eventTime,
        Map<String, Object> event) {

    public Finding {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(event, "event");
    }
}
