package io.vigil.testkit.audit;

import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps audit records in memory, in order, for tests to inspect. */
public final class InMemoryAuditSink implements AuditSink {

    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(AuditRecord record) {
        records.add(record);
    }

    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    public synchronized List<AuditRecord> withAction(String action) {
        return records.stream().filter(r -> r.action().equals(action)).toList();
    }

    public synchronized List<AuditRecord> matching(Predicate<AuditRecord> predicate) {
        return records.stream().filter(predicate).toList();
    }
}
