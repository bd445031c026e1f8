package io.vigil.testkit;

import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.pipeline.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An output that keeps what it receives in memory, idempotently by event id as real outputs must. It can
 * be told to fail the next N writes, to test the pipeline's retry.
 */
public final class CollectingOutput implements Output {

    private final Map<EventId, Event> events = new LinkedHashMap<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private int writes;
    private int flushes;
    private volatile RuntimeException error;

    @Override
    public String name() {
        return "collecting";
    }

    public void failNextWrites(int count, RuntimeException error) {
        failNext.set(count);
        this.error = error;
    }

    @Override
    public synchronized void write(List<Event> batch) {
        writes++;
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw error;
        }
        batch.forEach(event -> events.putIfAbsent(event.id(), event));
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    public synchronized int flushes() {
        return flushes;
    }

    public synchronized List<Event> events() {
        return new ArrayList<>(events.values());
    }

    public synchronized int writes() {
        return writes;
    }
}
