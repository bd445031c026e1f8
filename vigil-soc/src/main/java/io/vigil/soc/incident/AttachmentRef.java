package io.vigil.soc.incident;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An attachment as the incident lists it; the bytes are in {@link Attachments}. */
public record AttachmentRef(UUID id, String name, String contentType, long size, String sha256, String by, Instant at) {
    public AttachmentRef {
        Objects.requireNonNull(id, "id");
        name = Texts.required("attachment name", name, 255);
        Objects.requireNonNull(at, "at");
    }
}
