package io.vigil.ingest.health;

import io.vigil.core.source.SourceHealth;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evaluates the registry and hands its snapshot to a persister, each on its own interval, on one daemon thread. */
public final class SourceHealthMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceHealthMonitor.class);

    private final SourceHealthRegistry registry;
    private final SourceHealthConfig config;
    private final Consumer<List<SourceHealth>> persister;
    private ScheduledExecutorService scheduler;

    public SourceHealthMonitor(SourceHealthRegistry registry, SourceHealthConfig config, Consumer<List<SourceHealth>> persister) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.persister = Objects.requireNonNull(persister, "persister");
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vigil-source-health");
            thread.setDaemon(true);
            return thread;
        });
        long evaluate = config.evaluateInterval().toMillis();
        long persist = config.persistInterval().toMillis();
        scheduler.scheduleWithFixedDelay(guarded("evaluate", registry::evaluate), evaluate, evaluate, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("persist", this::persist), persist, persist, TimeUnit.MILLISECONDS);
    }

    /** Writes the current snapshot now (also at stop). */
    public void persist() {
        persister.accept(registry.snapshot());
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A failing database must not end the schedule: the next run tries again.
                LOG.warn("Source health {} failed: {}", what, e.toString());
            }
        };
    }

    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        guarded("persist", this::persist).run();
    }
}
