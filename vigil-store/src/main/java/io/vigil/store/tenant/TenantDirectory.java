package io.vigil.store.tenant;

import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.store.DuplicateException;
import io.vigil.store.Jdbc;
import io.vigil.store.NotFoundException;
import io.vigil.store.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * All tenants of the platform: platform administration, and the one repository that may list across
 * tenants (it lists the tenants themselves). Callers authorise platform administrators before using it.
 */
public final class TenantDirectory {

    private static final String COLUMNS = "id, slug, display_name, timezone, status, created_at, updated_at";

    private final DataSource dataSource;
    private final Clock clock;

    public TenantDirectory(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A new, active tenant.
     *
     * @throws DuplicateException if the slug is taken
     */
    public Tenant create(TenantSlug slug, String displayName, ZoneId timezone) {
        var now = Jdbc.now(clock);
        Tenant tenant = new Tenant(TenantId.random(), slug, displayName, timezone, TenantStatus.ACTIVE, now, now);
        return Jdbc.withConnection(dataSource, "creating tenant " + slug, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tenant (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, tenant.id().value());
                insert.setString(2, tenant.slug().value());
                insert.setString(3, tenant.displayName());
                insert.setString(4, tenant.timezone().getId());
                insert.setString(5, tenant.status().name());
                insert.setObject(6, Jdbc.timestamp(tenant.createdAt()));
                insert.setObject(7, Jdbc.timestamp(tenant.updatedAt()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new DuplicateException("tenant slug '" + slug + "' is already taken");
                }
                throw e;
            }
            return tenant;
        });
    }

    /** All tenants, in any status, ordered by slug. */
    public List<Tenant> list() {
        return Jdbc.withConnection(dataSource, "listing tenants", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM tenant ORDER BY slug");
                 ResultSet rows = select.executeQuery()) {
                List<Tenant> tenants = new ArrayList<>();
                while (rows.next()) {
                    tenants.add(tenant(rows));
                }
                return tenants;
            }
        });
    }

    public Optional<Tenant> find(TenantId id) {
        return Jdbc.withConnection(dataSource, "finding tenant " + id,
                connection -> select(connection, "id = ?", id.value(), false));
    }

    public Optional<Tenant> find(TenantSlug slug) {
        return Jdbc.withConnection(dataSource, "finding tenant " + slug,
                connection -> select(connection, "slug = ?", slug.value(), false));
    }

    /**
     * Changes the display name and/or the timezone; a {@code null} argument keeps the current value.
     *
     * @throws NotFoundException for an unknown tenant
     */
    public Tenant update(TenantId id, String newDisplayName, ZoneId newTimezone) {
        return change(id, current -> new Tenant(current.id(), current.slug(),
                newDisplayName == null ? current.displayName() : newDisplayName,
                newTimezone == null ? current.timezone() : newTimezone,
                current.status(), current.createdAt(), Jdbc.now(clock)));
    }

    /**
     * Moves the tenant to {@code status}. Any transition is allowed (an offboarded client can return);
     * what a status means for ingest is {@link TenantStatus#acceptsTelemetry()}.
     *
     * @throws NotFoundException for an unknown tenant
     */
    public Tenant changeStatus(TenantId id, TenantStatus status) {
        Objects.requireNonNull(status, "status");
        return change(id, current -> new Tenant(current.id(), current.slug(), current.displayName(),
                current.timezone(), status, current.createdAt(), Jdbc.now(clock)));
    }

    private interface Change {
        Tenant apply(Tenant current);
    }

    private Tenant change(TenantId id, Change change) {
        Objects.requireNonNull(id, "id");
        return Jdbc.inTransaction(dataSource, "updating tenant " + id, connection -> {
            // Locked so that two concurrent changes of different fields do not undo each other.
            Tenant current = select(connection, "id = ?", id.value(), true)
                    .orElseThrow(() -> new NotFoundException("tenant " + id + " not found"));
            Tenant changed = change.apply(current);
            if (sameContent(current, changed)) {
                return current;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tenant SET display_name = ?, timezone = ?, status = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, changed.displayName());
                update.setString(2, changed.timezone().getId());
                update.setString(3, changed.status().name());
                update.setObject(4, Jdbc.timestamp(changed.updatedAt()));
                update.setObject(5, id.value());
                update.executeUpdate();
            }
            return changed;
        });
    }

    private static boolean sameContent(Tenant a, Tenant b) {
        return a.displayName().equals(b.displayName()) && a.timezone().equals(b.timezone())
                && a.status() == b.status();
    }

    private static Optional<Tenant> select(Connection connection, String where, Object value, boolean lock)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM tenant WHERE " + where + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(tenant(rows)) : Optional.empty();
            }
        }
    }

    private static Tenant tenant(ResultSet row) throws SQLException {
        return new Tenant(
                new TenantId(row.getObject("id", java.util.UUID.class)),
                new TenantSlug(row.getString("slug")),
                row.getString("display_name"),
                ZoneId.of(row.getString("timezone")),
                TenantStatus.valueOf(row.getString("status")),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"));
    }
}
