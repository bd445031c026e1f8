package io.vigil.soc.incident;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An analyst's note. */
public record Note(UUID id, String author, String text, Instant at) {
    public Note {
        Objects.requireNonNull(id, "id");
        text = Texts.required("note text", text, Texts.MAX_NOTE);
        Objects.requireNonNull(at, "at");
    }
}
