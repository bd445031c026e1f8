package io.vigil.core.audit;

/**
 * Where audited actions go. {@link #record} returns once the record is durable and linked into the log, so a
 * caller that must not act unaudited can record first. Implementations are thread-safe.
 */
public interface AuditSink {

    /**
     * @throws io.vigil.core.error.TemporaryException if the log cannot be written now
     */
    void record(AuditRecord record);
}
