package io.vigil.store.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vigil.core.error.PermanentException;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.pipeline.Output;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Dialect;
import io.vigil.store.Jdbc;
import io.vigil.store.TenantRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The output that stores the detections a detect stage left on each event ({@link DetectionEntry#COMMON_KEY}),
 * one row per (tenant, event, rule), keeping the newest {@code capacityPerTenant} per tenant.
 *
 * <p>Writes are idempotent by (tenant, event id, rule id), because a journal replay delivers events again; the
 * first write wins, so a replay keeps the original {@code detected_at}. A batch is one transaction that also trims
 * the tenants it wrote to, like the failure store. Events without detections cost nothing but a map lookup.
 */
public final class Detections implements Output {

    public static final String NAME = "detections";
    public static final int MAX_PAGE = 1000;
    static final int MAX_RULE_ID = 200;
    static final int MAX_TITLE = 1000;
    static final int MAX_LEVEL = 32;

    private static final List<String> INSERT_COLUMNS = List.of("tenant_id", "id", "event_id", "rule_id", "title",
            "level", "status", "author", "tags", "rule_references", "matched_fields", "event_time", "detected_at",
            "correlation");
    private static final String COLUMNS = "seq, " + String.join(", ", INSERT_COLUMNS);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String insert;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final ObjectReader mapReader;
    private final int capacityPerTenant;
    private final TenantRows<StoredDetection> rows;

    public Detections(DataSource dataSource, Dialect dialect, ObjectMapper json, int capacityPerTenant) {
        if (capacityPerTenant < 1) {
            throw new IllegalArgumentException("capacity per tenant must be at least 1: " + capacityPerTenant);
        }
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.capacityPerTenant = capacityPerTenant;
        this.writer = json.writer();
        this.reader = json.readerFor(STRINGS);
        this.mapReader = json.readerFor(Map.class);
        this.rows = new TenantRows<>(dataSource, "detection", COLUMNS, "id", MAX_PAGE, this::detection);
        this.insert = dialect.insertIgnoringDuplicates("detection", INSERT_COLUMNS, "tenant_id, event_id, rule_id");
    }

    /** The detection's id: a name-based UUID of the event id and the rule id, the same on every replay. */
    public static UUID idOf(EventId event, String ruleId) {
        return UUID.nameUUIDFromBytes((event.value() + "/" + ruleId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Stores the detections of the batch not stored yet and trims their tenants to capacity.
     *
     * @throws io.vigil.core.error.TemporaryException if the database is unreachable (retry the batch)
     * @throws PermanentException                     if an event's {@link DetectionEntry#COMMON_KEY} is malformed
     */
    @Override
    public void write(List<Event> batch) {
        List<Row> pending = new ArrayList<>();
        for (Event event : batch) {
            List<DetectionEntry> entries;
            try {
                entries = DetectionEntry.fromCommon(event.common());
            } catch (IllegalArgumentException e) {
                throw new PermanentException("event " + event.id() + " of tenant " + event.tenant()
                        + " carries unreadable detections: " + e.getMessage(), e);
            }
            for (DetectionEntry entry : entries) {
                pending.add(new Row(event, bounded(entry)));
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, "writing " + pending.size() + " detections", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (Row row : pending) {
                    bind(statement, row);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            // Trimmed in a fixed order, so that two concurrent writers cannot deadlock on each other.
            for (TenantId tenant : pending.stream().map(row -> row.event().tenant()).distinct()
                    .sorted(Comparator.comparing(TenantId::value)).toList()) {
                rows.trim(connection, tenant, capacityPerTenant);
            }
            return null;
        });
    }

    /** Makes the rows written so far durable: the pipeline calls this before committing its journal position. */
    @Override
    public void flush() {
        Jdbc.syncCommitted(dataSource, dialect, "syncing detections");
    }

    /**
     * The tenant's detections, newest first.
     *
     * @param limit     1-{@value #MAX_PAGE}
     * @param beforeSeq only detections older than this {@link StoredDetection#seq()} (the next page), or {@code null}
     */
    public List<StoredDetection> recent(TenantId tenant, int limit, Long beforeSeq) {
        return rows.newestFirst(tenant, limit, beforeSeq);
    }

    /** The tenant's detection with this id; another tenant's is not found. */
    public Optional<StoredDetection> find(TenantId tenant, UUID id) {
        return rows.find(tenant, id);
    }

    /** How many detections the tenant has (at most the capacity). */
    public long count(TenantId tenant) {
        return rows.count(tenant);
    }

    private record Row(Event event, DetectionEntry entry) {
    }

    private void bind(PreparedStatement statement, Row row) throws SQLException {
        DetectionEntry entry = row.entry();
        statement.setObject(1, row.event().tenant().value());
        statement.setObject(2, idOf(row.event().id(), entry.ruleId()));
        statement.setObject(3, row.event().id().value());
        statement.setString(4, Jdbc.text(entry.ruleId()));
        statement.setString(5, Jdbc.text(entry.title()));
        statement.setString(6, Jdbc.text(entry.level()));
        statement.setString(7, Jdbc.text(entry.status()));
        statement.setString(8, Jdbc.text(entry.author()));
        statement.setString(9, Jdbc.text(json(entry.tags())));
        statement.setString(10, Jdbc.text(json(entry.references())));
        statement.setString(11, Jdbc.text(json(entry.matchedFields())));
        statement.setObject(12, Jdbc.timestamp(row.event().time()));
        statement.setObject(13, Jdbc.timestamp(entry.detectedAt()));
        statement.setString(14, entry.correlation() == null ? null : Jdbc.text(json(entry.correlation().toMap())));
    }

    /** Rule metadata is outside our control (custom rules later): cut to the column sizes rather than refuse. */
    private static DetectionEntry bounded(DetectionEntry entry) {
        return new DetectionEntry(cut(entry.ruleId(), MAX_RULE_ID), cut(entry.title(), MAX_TITLE),
                cut(entry.level(), MAX_LEVEL), cut(entry.status(), MAX_LEVEL), entry.author(), entry.tags(),
                entry.references(), entry.matchedFields(), entry.detectedAt(), entry.correlation());
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private String json(Object values) {
        try {
            return writer.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new PermanentException("detection metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private StoredDetection detection(ResultSet row) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        DetectionEntry entry = new DetectionEntry(row.getString("rule_id"), row.getString("title"),
                row.getString("level"), row.getString("status"), row.getString("author"),
                strings(id, row.getString("tags")), strings(id, row.getString("rule_references")),
                strings(id, row.getString("matched_fields")), Jdbc.instant(row, "detected_at"),
                correlation(id, row.getString("correlation")));
        return new StoredDetection(row.getLong("seq"), id, new TenantId(row.getObject("tenant_id", UUID.class)),
                new EventId(row.getObject("event_id", UUID.class)), Jdbc.instant(row, "event_time"), entry);
    }

    private DetectionEntry.Correlated correlation(UUID id, String text) {
        if (text == null) {
            return null;
        }
        try {
            return DetectionEntry.Correlated.fromMap(mapReader.readValue(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new PermanentException("stored detection " + id + " has an unreadable correlation: " + e.getMessage(), e);
        }
    }

    private List<String> strings(UUID id, String text) {
        try {
            return reader.readValue(text);
        } catch (IOException e) {
            throw new PermanentException("stored detection " + id + " has unreadable JSON: " + e.getMessage(), e);
        }
    }
}
