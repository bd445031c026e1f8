package io.vigil.store.failure;

import io.vigil.core.pipeline.Failure;
import java.util.Objects;

/**
 * A failure as the store keeps it.
 *
 * @param seq position in arrival order across all tenants; larger is newer; the paging cursor
 */
public record StoredFailure(long seq, Failure failure) {

    public StoredFailure {
        Objects.requireNonNull(failure, "failure");
    }
}
