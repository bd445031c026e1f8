package io.vigil.testkit;

import io.vigil.core.event.EventId;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.FailureStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A failure store in memory, idempotent by failure id like the real one. */
public final class InMemoryFailureStore implements FailureStore {

    private final Map<EventId, Failure> failures = new LinkedHashMap<>();

    @Override
    public synchronized void record(List<Failure> batch) {
        batch.forEach(failure -> failures.putIfAbsent(failure.id(), failure));
    }

    public synchronized List<Failure> failures() {
        return new ArrayList<>(failures.values());
    }
}
