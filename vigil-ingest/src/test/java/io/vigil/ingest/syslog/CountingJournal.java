package io.vigil.ingest.syslog;

import io.vigil.core.event.RawEvent;
import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalReader;
import io.vigil.core.journal.JournalStats;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts append attempts (refused ones included) so that tests can wait for a retry instead of sleeping. */
record CountingJournal(Journal delegate, AtomicInteger attempts) implements Journal {

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public CompletableFuture<Long> append(List<RawEvent> events) {
        attempts.incrementAndGet();
        return delegate.append(events);
    }

    @Override
    public JournalReader reader(String consumer) {
        return delegate.reader(consumer);
    }

    @Override
    public JournalStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
