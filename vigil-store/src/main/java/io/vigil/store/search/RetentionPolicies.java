package io.vigil.store.search;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Each tenant's event retention in days, where it differs from the platform default. */
public final class RetentionPolicies {

    public static final int MAX_DAYS = 36_500;

    /** A tenant's own retention. */
    public record Retention(int days, Instant changedAt, String changedBy) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public RetentionPolicies(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The tenant's own retention, if it has one. */
    public Optional<Retention> find(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.withConnection(dataSource, "reading the retention of " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT days, changed_at, changed_by FROM event_retention WHERE tenant_id = ?")) {
                select.setObject(1, tenant.value());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Retention(row.getInt("days"), Jdbc.instant(row, "changed_at"),
                            row.getString("changed_by"))) : Optional.<Retention>empty();
                }
            }
        });
    }

    /** Sets the tenant's retention to {@code days} (1-{@value #MAX_DAYS}). */
    public Retention set(TenantId tenant, int days, String changedBy) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(changedBy, "changedBy");
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("retention must be 1-" + MAX_DAYS + " days, was " + days);
        }
        Instant now = Jdbc.now(clock);
        Jdbc.inTransaction(dataSource, "setting the retention of " + tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE event_retention SET days = ?, changed_at = ?, changed_by = ? WHERE tenant_id = ?")) {
                update.setInt(1, days);
                update.setObject(2, Jdbc.timestamp(now));
                update.setString(3, changedBy);
                update.setObject(4, tenant.value());
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO event_retention (tenant_id, days, changed_at, changed_by) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setInt(2, days);
                insert.setObject(3, Jdbc.timestamp(now));
                insert.setString(4, changedBy);
                insert.executeUpdate();
            }
            return null;
        });
        return new Retention(days, now, changedBy);
    }

    /** Removes the tenant's own retention (it keeps the default again); returns whether it had one. */
    public boolean clear(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.inTransaction(dataSource, "clearing the retention of " + tenant, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM event_retention WHERE tenant_id = ?")) {
                delete.setObject(1, tenant.value());
                return delete.executeUpdate() > 0;
            }
        });
    }
}
