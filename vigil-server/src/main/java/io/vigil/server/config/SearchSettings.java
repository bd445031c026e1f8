package io.vigil.server.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param directory            where the event store keeps its indexes (one per tenant per UTC day); default
 *                             {@code <vigil.server.data-dir>/search}. Read at start
 * @param defaultRetentionDays days of events a tenant keeps unless its own retention says otherwise
 *                             (set through the tenant's retention endpoint); whole days are deleted
 * @param retentionInterval    how often expired partitions are looked for and deleted
 * @param queryTimeout         longest a search, aggregation or export page may run before it is refused
 * @param maxClauses           most clauses a query may have after parsing
 * @param maxExportEvents      most events one export or retro-hunt reads
 * @param ramBufferMb          indexing buffer per open partition, in MiB, before Lucene writes a segment
 */
public record SearchSettings(Path directory, Integer defaultRetentionDays, Duration retentionInterval,
                             Duration queryTimeout, Integer maxClauses, Integer maxExportEvents, Integer ramBufferMb) {

    public SearchSettings {
        defaultRetentionDays = defaultRetentionDays == null ? 90 : defaultRetentionDays;
        retentionInterval = retentionInterval == null ? Duration.ofHours(1) : retentionInterval;
        queryTimeout = queryTimeout == null ? Duration.ofSeconds(30) : queryTimeout;
        maxClauses = maxClauses == null ? 256 : maxClauses;
        maxExportEvents = maxExportEvents == null ? 1_000_000 : maxExportEvents;
        ramBufferMb = ramBufferMb == null ? 32 : ramBufferMb;
        if (defaultRetentionDays < 1 || defaultRetentionDays > 36_500) {
            throw new IllegalArgumentException("default-retention-days must be 1-36500, was " + defaultRetentionDays);
        }
        if (retentionInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("retention-interval must be at least 1s, was " + retentionInterval);
        }
        if (queryTimeout.compareTo(Duration.ofMillis(100)) < 0 || queryTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("query-timeout must be 100ms-10m, was " + queryTimeout);
        }
        if (maxClauses < 1 || maxClauses > 4096) {
            throw new IllegalArgumentException("max-clauses must be 1-4096, was " + maxClauses);
        }
        if (maxExportEvents < 1) {
            throw new IllegalArgumentException("max-export-events must be positive, was " + maxExportEvents);
        }
        if (ramBufferMb < 1 || ramBufferMb > 2048) {
            throw new IllegalArgumentException("ram-buffer-mb must be 1-2048, was " + ramBufferMb);
        }
    }
}
