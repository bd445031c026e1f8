package io.vigil.store.soc;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Small per-tenant records of one kind (assets, suppressions, change windows, routes) as JSON in {@code soc_record}.
 * Triage reads them for every detection, so each (tenant, kind) list is cached and dropped on every write through this
 * instance; one instance serves the whole application.
 */
public final class SocRecords {

    /** Records of one kind per tenant. */
    public static final int MAX_PER_TENANT = 50_000;

    private record Key(TenantId tenant, String kind) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    /** Parsed records: they are immutable, so every reader can share them. */
    private final Map<Key, List<?>> cache = new ConcurrentHashMap<>();

    public SocRecords(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> list(TenantId tenant, String kind, Class<T> type) {
        List<?> cached = cache.computeIfAbsent(new Key(tenant, kind),
                k -> load(tenant, kind).stream().map(body -> SocJson.read(body, type)).toList());
        if (!cached.isEmpty() && !type.isInstance(cached.getFirst())) {
            throw new IllegalArgumentException("records of kind " + kind + " are not " + type.getSimpleName());
        }
        return (List<T>) cached;
    }

    public <T> Optional<T> find(TenantId tenant, String kind, UUID id, Class<T> type) {
        return Jdbc.withConnection(dataSource, "reading " + kind + " " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT body FROM soc_record WHERE tenant_id = ? AND kind = ? AND id = ?")) {
                select.setObject(1, tenant.value());
                select.setString(2, kind);
                select.setObject(3, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(SocJson.read(rows.getString(1), type)) : Optional.<T>empty();
                }
            }
        });
    }

    /**
     * Inserts or replaces the record.
     *
     * @throws IllegalArgumentException when the tenant already has {@value #MAX_PER_TENANT} records of the kind
     */
    public <T> T save(TenantId tenant, String kind, UUID id, T value) {
        String body = Jdbc.text(SocJson.write(value));
        Jdbc.inTransaction(dataSource, "saving " + kind + " " + id, connection -> {
            var now = Jdbc.timestamp(Jdbc.now(clock));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE soc_record SET body = ?, updated_at = ? WHERE tenant_id = ? AND kind = ? AND id = ?")) {
                update.setString(1, body);
                update.setObject(2, now);
                update.setObject(3, tenant.value());
                update.setString(4, kind);
                update.setObject(5, id);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM soc_record WHERE tenant_id = ? AND kind = ?")) {
                count.setObject(1, tenant.value());
                count.setString(2, kind);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) >= MAX_PER_TENANT) {
                        throw new IllegalArgumentException("a tenant may hold at most " + MAX_PER_TENANT + " records of kind " + kind);
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO soc_record (tenant_id, kind, id, updated_at, body) VALUES (?, ?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, kind);
                insert.setObject(3, id);
                insert.setObject(4, now);
                insert.setString(5, body);
                insert.executeUpdate();
            }
            return null;
        });
        cache.remove(new Key(tenant, kind));
        return value;
    }

    public boolean delete(TenantId tenant, String kind, UUID id) {
        boolean deleted = Jdbc.inTransaction(dataSource, "deleting " + kind + " " + id, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM soc_record WHERE tenant_id = ? AND kind = ? AND id = ?")) {
                delete.setObject(1, tenant.value());
                delete.setString(2, kind);
                delete.setObject(3, id);
                return delete.executeUpdate() > 0;
            }
        });
        cache.remove(new Key(tenant, kind));
        return deleted;
    }

    private List<String> load(TenantId tenant, String kind) {
        return Jdbc.withConnection(dataSource, "reading " + kind + " records", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT body FROM soc_record WHERE tenant_id = ? AND kind = ? ORDER BY updated_at, id")) {
                select.setObject(1, tenant.value());
                select.setString(2, kind);
                try (ResultSet rows = select.executeQuery()) {
                    List<String> bodies = new ArrayList<>();
                    while (rows.next()) {
                        bodies.add(rows.getString(1));
                    }
                    return List.copyOf(bodies);
                }
            }
        });
    }
}
