package io.vigil.store.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vigil.core.error.PermanentException;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.Output;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Dialect;
import io.vigil.store.Jdbc;
import io.vigil.store.TenantRows;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The output that keeps the newest {@code capacityPerTenant} processed events of each tenant, for the
 * console and the API until a full event store exists.
 *
 * <p>Writes are idempotent by (tenant, event id), because a journal replay after a crash delivers events
 * again (a replay starts after the last commit, so it delivers events that are still in the view; one
 * that was already trimmed away would be stored again as new). A batch is written in one transaction,
 * which also trims the tenants it added to once they have grown by a tenth of the capacity since their
 * last trim (so a tenant holds at most 110 % of the capacity plus one batch; trimming after every batch
 * cost a fifth of the write time). "Newest" means last stored (the {@code seq} order), not the
 * latest event time: a late-arriving old event is recent here.
 */
public final class RecentEvents implements Output {

    public static final String NAME = "recent-events";
    public static final int MAX_PAGE = 1000;

    private static final List<String> INSERT_COLUMNS = List.of("tenant_id", "event_id", "event_time",
            "received_at", "stored_at", "source_input", "source_name", "source_codec", "fields", "common", "raw");
    private static final String COLUMNS = "seq, " + String.join(", ", INSERT_COLUMNS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Comparator<TenantId> BY_ID = Comparator.comparing(TenantId::value);

    private final DataSource dataSource;
    private final String insert;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final int capacityPerTenant;
    private final Clock clock;
    private final Dialect dialect;
    private final TenantRows<StoredEvent> rows;
    /** Rows added per tenant since its last trim; a restart starts from zero, which only delays a trim. */
    private final java.util.Map<TenantId, Integer> sinceTrim = new java.util.concurrent.ConcurrentHashMap<>();
    private final int trimEvery;

    public RecentEvents(DataSource dataSource, Dialect dialect, ObjectMapper json, int capacityPerTenant,
                        Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.rows = new TenantRows<>(dataSource, "recent_event", COLUMNS, "event_id", MAX_PAGE, this::event);
        this.insert = dialect.insertIgnoringDuplicates("recent_event", INSERT_COLUMNS, "tenant_id, event_id");
        this.writer = json.writer();
        this.reader = json.readerFor(MAP);
        if (capacityPerTenant < 1) {
            throw new IllegalArgumentException("capacity per tenant must be at least 1: " + capacityPerTenant);
        }
        this.capacityPerTenant = capacityPerTenant;
        this.trimEvery = Math.max(1, capacityPerTenant / 10);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Stores the events not stored yet and trims their tenants to capacity.
     *
     * @throws io.vigil.core.error.TemporaryException if the database is unreachable (retry the batch)
     * @throws PermanentException                     for anything else, e.g. fields that are not a JSON tree
     */
    @Override
    public void write(List<Event> batch) {
        if (batch.isEmpty()) {
            return;
        }
        // Serialised before a connection is taken: JSON work does not hold a pooled connection.
        List<String[]> json = new ArrayList<>(batch.size());
        for (Event event : batch) {
            json.add(new String[] {json(event, event.fields(), "fields"), json(event, event.common(), "common")});
        }
        Instant storedAt = Jdbc.now(clock);
        Jdbc.inTransaction(dataSource, "writing " + batch.size() + " events to " + NAME, connection -> {
            // Trimmed in a fixed order, so that two concurrent writers cannot deadlock on each other.
            Set<TenantId> grown = new TreeSet<>(BY_ID);
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (int i = 0; i < batch.size(); i++) {
                    bind(statement, batch.get(i), json.get(i), storedAt);
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                for (int i = 0; i < batch.size(); i++) {
                    // A count of 0 is a duplicate skipped; anything else (incl. SUCCESS_NO_INFO) may have grown.
                    if (counts.length != batch.size() || counts[i] != 0) {
                        grown.add(batch.get(i).tenant());
                    }
                }
            }
            for (TenantId tenant : grown) {
                int added = (int) batch.stream().filter(event -> event.tenant().equals(tenant)).count();
                if (sinceTrim.merge(tenant, added, Integer::sum) >= trimEvery) {
                    rows.trim(connection, tenant, capacityPerTenant);
                    sinceTrim.put(tenant, 0);
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement statement, Event event, String[] json, Instant storedAt)
            throws SQLException {
        statement.setObject(1, event.tenant().value());
        statement.setObject(2, event.id().value());
        statement.setObject(3, Jdbc.timestamp(event.time()));
        statement.setObject(4, Jdbc.timestamp(event.receivedAt()));
        statement.setObject(5, Jdbc.timestamp(storedAt));
        statement.setString(6, Jdbc.text(event.source().input()));
        statement.setString(7, Jdbc.text(event.source().name()));
        statement.setString(8, Jdbc.text(event.source().codec()));
        statement.setString(9, json[0]);
        statement.setString(10, json[1]);
        statement.setBytes(11, event.raw());
    }

    /** Makes the rows written so far durable: the pipeline calls this before committing its journal position. */
    @Override
    public void flush() {
        Jdbc.syncCommitted(dataSource, dialect, "syncing recent events");
    }

    /**
     * The tenant's newest events, newest first.
     *
     * @param limit     1-{@value #MAX_PAGE}
     * @param beforeSeq only events older than this {@link StoredEvent#seq()} (the next page), or {@code null}
     */
    public List<StoredEvent> recent(TenantId tenant, int limit, Long beforeSeq) {
        return rows.newestFirst(tenant, limit, beforeSeq);
    }

    /** The tenant's event with this id, if it is still in the view. */
    public Optional<StoredEvent> find(TenantId tenant, EventId id) {
        return rows.find(tenant, Objects.requireNonNull(id, "id").value());
    }

    /** How many of the tenant's events the view holds (at most the capacity). */
    public long count(TenantId tenant) {
        return rows.count(tenant);
    }

    private String json(Event event, Map<String, Object> map, String what) {
        try {
            return writer.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new PermanentException("the " + what + " of event " + event.id() + " of tenant " + event.tenant()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private StoredEvent event(ResultSet row) throws SQLException {
        EventId id = new EventId(row.getObject("event_id", UUID.class));
        return new StoredEvent(
                row.getLong("seq"),
                id,
                new TenantId(row.getObject("tenant_id", UUID.class)),
                new SourceRef(row.getString("source_input"), row.getString("source_name"), row.getString("source_codec")),
                Jdbc.instant(row, "event_time"),
                Jdbc.instant(row, "received_at"),
                Jdbc.instant(row, "stored_at"),
                map(id, row.getString("fields")),
                map(id, row.getString("common")),
                row.getBytes("raw"));
    }

    private Map<String, Object> map(EventId id, String text) {
        try {
            return reader.readValue(text);
        } catch (IOException e) {
            throw new PermanentException("stored event " + id + " has unreadable JSON: " + e.getMessage(), e);
        }
    }
}
