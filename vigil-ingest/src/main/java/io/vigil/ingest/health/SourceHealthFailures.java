package io.vigil.ingest.health;

import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.FailureStore;
import io.vigil.core.pipeline.Phase;
import java.util.List;
import java.util.Objects;

/**
 * A failure store that counts decode failures per source in the registry once the store behind it has kept them
 * (so a retried write is counted once).
 */
public final class SourceHealthFailures implements FailureStore {

    private final FailureStore delegate;
    private final SourceHealthRegistry registry;

    public SourceHealthFailures(FailureStore delegate, SourceHealthRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void record(List<Failure> failures) {
        delegate.record(failures);
        for (Failure failure : failures) {
            if (failure.phase() == Phase.DECODE) {
                registry.observeFailure(failure.tenant(), failure.source(), failure.raw().length, failure.receivedAt());
            }
        }
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
