package io.vigil.testkit;

import io.vigil.core.event.RawEvent;
import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalFullException;
import io.vigil.core.journal.JournalReader;
import io.vigil.core.journal.JournalStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A journal in memory, for testing transports and stages without disk. Not durable, by design. It can be
 * told to refuse appends ({@link #refuseAppends}) to test back-pressure paths.
 */
public final class InMemoryJournal implements Journal {

    private final List<JournalEntry> entries = new ArrayList<>();
    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private volatile boolean refusing;

    @Override
    public String id() {
        return "in-memory";
    }

    /** From now on, appends throw {@link JournalFullException} (or succeed again with {@code false}). */
    public void refuseAppends(boolean refuse) {
        this.refusing = refuse;
    }

    @Override
    public synchronized CompletableFuture<Long> append(List<RawEvent> events) {
        if (refusing) {
            throw new JournalFullException("journal backlog over its limit", Duration.ofSeconds(1));
        }
        for (RawEvent event : events) {
            entries.add(JournalEntry.of(entries.size(), event));
        }
        notifyAll();
        return CompletableFuture.completedFuture((long) entries.size() - 1);
    }

    /** Everything appended so far, in order. */
    public synchronized List<RawEvent> events() {
        return entries.stream().map(JournalEntry::event).toList();
    }

    @Override
    public JournalReader reader(String consumer) {
        return new Reader(consumer);
    }

    @Override
    public synchronized JournalStats stats() {
        long low = committed.values().stream().mapToLong(Long::longValue).min().orElse(0);
        return new JournalStats(entries.size(), low, 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {
    }

    private final class Reader implements JournalReader {
        private final String consumer;
        private long next;

        Reader(String consumer) {
            this.consumer = consumer;
            this.next = committed.getOrDefault(consumer, 0L);
        }

        @Override
        public List<JournalEntry> poll(int max, Duration wait) throws InterruptedException {
            synchronized (InMemoryJournal.this) {
                long deadline = System.nanoTime() + wait.toNanos();
                while (next >= entries.size()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return List.of();
                    }
                    InMemoryJournal.this.wait(Math.max(1, left / 1_000_000));
                }
                int to = (int) Math.min(entries.size(), next + max);
                List<JournalEntry> batch = List.copyOf(entries.subList((int) next, to));
                next = to;
                return batch;
            }
        }

        @Override
        public void commit(long nextPosition) {
            committed.put(consumer, nextPosition);
        }

        @Override
        public long committed() {
            return committed.getOrDefault(consumer, 0L);
        }

        @Override
        public void close() {
        }
    }
}
