package io.vigil.store.source;

import io.vigil.core.source.SourceSilence;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A stored "log source silent" signal; {@code clearedAt} is {@code null} while it is open. */
public record StoredSignal(UUID id, SourceSilence signal, Instant clearedAt) {

    public StoredSignal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signal, "signal");
    }
}
