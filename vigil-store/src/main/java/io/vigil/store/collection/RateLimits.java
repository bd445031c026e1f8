package io.vigil.store.collection;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.CrossTenant;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Per-tenant ingest rate limits (overrides of the configured default). Callers validate the numbers. */
public final class RateLimits {

    private final DataSource dataSource;
    private final Clock clock;

    public RateLimits(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public StoredRateLimit set(TenantId tenant, double eventsPerSecond, long burst, String changedBy) {
        StoredRateLimit limit = new StoredRateLimit(tenant, eventsPerSecond, burst, Jdbc.now(clock), changedBy);
        Jdbc.inTransaction(dataSource, "setting the rate limit of " + tenant, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM ingest_rate_limit WHERE tenant_id = ?")) {
                delete.setObject(1, tenant.value());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ingest_rate_limit "
                    + "(tenant_id, events_per_second, burst, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setDouble(2, eventsPerSecond);
                insert.setLong(3, burst);
                insert.setObject(4, Jdbc.timestamp(limit.changedAt()));
                insert.setString(5, changedBy);
                return insert.executeUpdate();
            }
        });
        return limit;
    }

    public Optional<StoredRateLimit> find(TenantId tenant) {
        return select("SELECT * FROM ingest_rate_limit WHERE tenant_id = ?", tenant.value()).stream().findFirst();
    }

    /** @return whether the tenant had its own limit */
    public boolean delete(TenantId tenant) {
        return Jdbc.withConnection(dataSource, "removing the rate limit of " + tenant, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM ingest_rate_limit WHERE tenant_id = ?")) {
                delete.setObject(1, tenant.value());
                return delete.executeUpdate() > 0;
            }
        });
    }

    @CrossTenant("admission loads every tenant's limit at start")
    public List<StoredRateLimit> all() {
        return select("SELECT * FROM ingest_rate_limit");
    }

    private List<StoredRateLimit> select(String sql, Object... parameters) {
        return Jdbc.withConnection(dataSource, "reading rate limits", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredRateLimit> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(new StoredRateLimit(new TenantId(rows.getObject("tenant_id", UUID.class)),
                                rows.getDouble("events_per_second"), rows.getLong("burst"),
                                Jdbc.instant(rows, "changed_at"), rows.getString("changed_by")));
                    }
                    return found;
                }
            }
        });
    }
}
