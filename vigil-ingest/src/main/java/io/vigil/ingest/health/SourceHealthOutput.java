package io.vigil.ingest.health;

import io.vigil.core.event.Event;
import io.vigil.core.pipeline.Output;
import java.util.List;
import java.util.Objects;

/**
 * Feeds the registry with every decoded event that reached the outputs. Never throws, so it never holds the
 * pipeline back. Bytes are the raw record's: a record decoded into several events counts its bytes once.
 */
public final class SourceHealthOutput implements Output {

    private final SourceHealthRegistry registry;

    public SourceHealthOutput(SourceHealthRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String name() {
        return "source-health";
    }

    @Override
    public void write(List<Event> batch) {
        byte[] previous = null;
        for (Event event : batch) {
            // Events decoded from one record share its raw array: count those bytes once.
            long bytes = event.raw() == previous ? 0 : event.raw().length;
            previous = event.raw();
            registry.observe(event.tenant(), event.source(), 1, bytes, event.receivedAt());
        }
    }
}
