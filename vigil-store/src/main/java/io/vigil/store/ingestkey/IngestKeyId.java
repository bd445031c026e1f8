package io.vigil.store.ingestkey;

import java.util.Objects;
import java.util.UUID;

/** Identity of an ingest key; also embedded in its secret, so a presented secret names its row. */
public record IngestKeyId(UUID value) {

    public IngestKeyId {
        Objects.requireNonNull(value, "ingest key id");
    }

    public static IngestKeyId random() {
        return new IngestKeyId(UUID.randomUUID());
    }

    public static IngestKeyId parse(String text) {
        return new IngestKeyId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
