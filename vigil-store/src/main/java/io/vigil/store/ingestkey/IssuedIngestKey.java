package io.vigil.store.ingestkey;

import java.util.Objects;

/**
 * A key just issued, with the only copy of its secret: hand it to the operator once; it cannot be
 * recovered later.
 */
public record IssuedIngestKey(IngestKey key, String secret) {

    public IssuedIngestKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        // Records print every component; this one ends up in logs and assertion messages.
        return "IssuedIngestKey[key=" + key + ", secret=***]";
    }
}
