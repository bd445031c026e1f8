package io.vigil.store.failure;

import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.FailureStore;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Dialect;
import io.vigil.store.Jdbc;
import io.vigil.store.TenantRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pipeline's failures per tenant in the relational database. Idempotent by (tenant, failure id):
 * a journal replay records a failure once.
 *
 * <p>Nothing is trimmed yet: failures are rare by design and every one must be seen. A retention policy
 * (and a bound per tenant against a source that sends only garbage) comes with the data-retention work.
 */
public final class JdbcFailureStore implements FailureStore {

    /**
     * The journal's record limit. Raw bytes arrive bounded by it; longer ones (a bug upstream) are cut
     * rather than refused, because refusing would stop the pipeline over a failure record.
     */
    public static final int MAX_RAW_BYTES = 8 * 1024 * 1024;
    public static final int MAX_PAGE = 1000;
    static final int MAX_STAGE = 200;

    private static final Logger log = LoggerFactory.getLogger(JdbcFailureStore.class);
    private static final List<String> INSERT_COLUMNS = List.of("tenant_id", "id", "source_input", "source_name",
            "source_codec", "phase", "stage", "reason", "received_at", "failed_at", "raw");
    private static final String COLUMNS = "seq, " + String.join(", ", INSERT_COLUMNS);

    private final DataSource dataSource;
    private final String insert;
    private final Dialect dialect;
    private final TenantRows<StoredFailure> rows;

    private final int capacityPerTenant;

    /**
     * @param capacityPerTenant newest failures kept per tenant; older ones are deleted as new ones arrive,
     *                          so that a sender cannot fill the database with refused input
     */
    public JdbcFailureStore(DataSource dataSource, Dialect dialect, int capacityPerTenant) {
        if (capacityPerTenant < 1) {
            throw new IllegalArgumentException("capacity per tenant must be at least 1: " + capacityPerTenant);
        }
        this.capacityPerTenant = capacityPerTenant;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.rows = new TenantRows<>(dataSource, "pipeline_failure", COLUMNS, "id", MAX_PAGE, JdbcFailureStore::failure);
        this.insert = dialect.insertIgnoringDuplicates("pipeline_failure", INSERT_COLUMNS, "tenant_id, id");
    }

    /**
     * Stores the failures not stored yet and trims their tenants to capacity, in one transaction.
     *
     * @throws io.vigil.core.error.TemporaryException if the database is unreachable (retry)
     */
    @Override
    public void record(List<Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, "recording " + failures.size() + " failures", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (Failure failure : failures) {
                    bind(statement, bounded(failure));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            // Trimmed in a fixed order, so that two concurrent writers cannot deadlock on each other.
            for (TenantId tenant : failures.stream().map(Failure::tenant).distinct()
                    .sorted(java.util.Comparator.comparing(TenantId::value)).toList()) {
                rows.trim(connection, tenant, capacityPerTenant);
            }
            return null;
        });
    }

    /** Makes the rows written so far durable: the pipeline calls this before committing its journal position. */
    @Override
    public void flush() {
        Jdbc.syncCommitted(dataSource, dialect, "syncing failures");
    }

    private static Failure bounded(Failure failure) {
        if (failure.raw().length <= MAX_RAW_BYTES && failure.stage().length() <= MAX_STAGE) {
            return failure;
        }
        String reason = failure.reason();
        byte[] raw = failure.raw();
        if (raw.length > MAX_RAW_BYTES) {
            log.warn("failure {} of tenant {} carries {} raw bytes, more than the journal allows; keeping the first {}",
                    failure.id(), failure.tenant(), raw.length, MAX_RAW_BYTES);
            String note = " [raw bytes cut from " + raw.length + " to " + MAX_RAW_BYTES + "]";
            reason = reason.substring(0, Math.min(reason.length(), Failure.MAX_REASON - note.length())) + note;
            raw = Arrays.copyOf(raw, MAX_RAW_BYTES);
        }
        String stage = failure.stage().substring(0, Math.min(failure.stage().length(), MAX_STAGE));
        return new Failure(failure.id(), failure.tenant(), failure.source(), failure.phase(), stage, reason,
                failure.receivedAt(), failure.failedAt(), raw);
    }

    private static void bind(PreparedStatement statement, Failure failure) throws SQLException {
        statement.setObject(1, failure.tenant().value());
        statement.setObject(2, failure.id().value());
        statement.setString(3, Jdbc.text(failure.source().input()));
        statement.setString(4, Jdbc.text(failure.source().name()));
        statement.setString(5, Jdbc.text(failure.source().codec()));
        statement.setString(6, failure.phase().name());
        statement.setString(7, Jdbc.text(failure.stage()));
        statement.setString(8, Jdbc.text(failure.reason()));
        statement.setObject(9, Jdbc.timestamp(failure.receivedAt()));
        statement.setObject(10, Jdbc.timestamp(failure.failedAt()));
        statement.setBytes(11, failure.raw());
    }

    /**
     * The tenant's failures, newest first.
     *
     * @param limit     1-{@value #MAX_PAGE}
     * @param beforeSeq only failures older than this {@link StoredFailure#seq()} (the next page), or {@code null}
     */
    public List<StoredFailure> list(TenantId tenant, int limit, Long beforeSeq) {
        return rows.newestFirst(tenant, limit, beforeSeq);
    }

    /** The tenant's failure with this id. */
    public Optional<StoredFailure> find(TenantId tenant, EventId id) {
        return rows.find(tenant, Objects.requireNonNull(id, "id").value());
    }

    public long count(TenantId tenant) {
        return rows.count(tenant);
    }

    private static StoredFailure failure(ResultSet row) throws SQLException {
        return new StoredFailure(row.getLong("seq"), new Failure(
                new EventId(row.getObject("id", UUID.class)),
                new TenantId(row.getObject("tenant_id", UUID.class)),
                new SourceRef(row.getString("source_input"), row.getString("source_name"), row.getString("source_codec")),
                Phase.valueOf(row.getString("phase")),
                row.getString("stage"),
                row.getString("reason"),
                Jdbc.instant(row, "received_at"),
                Jdbc.instant(row, "failed_at"),
                row.getBytes("raw")));
    }
}
