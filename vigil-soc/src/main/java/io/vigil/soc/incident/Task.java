package io.vigil.soc.incident;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A piece of work inside an incident. */
public record Task(UUID id, String title, boolean done, String createdBy, Instant createdAt) {
    public Task {
        Objects.requireNonNull(id, "id");
        title = Texts.required("task title", title, 500);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
