package io.vigil.store.soc.incident;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.incident.ConcurrentChangeException;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.IncidentNotFoundException;
import io.vigil.soc.incident.IncidentQuery;
import io.vigil.soc.incident.Incidents;
import io.vigil.store.CrossTenant;
import io.vigil.store.Jdbc;
import io.vigil.store.soc.SocJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link Incidents} in {@code soc_incident}: the incident as a JSON document, with the columns its queries need.
 * {@link #update} is a compare-and-set on the version, so two writers never overwrite each other's change.
 */
public final class JdbcIncidents implements Incidents {

    private static final String BODY = "SELECT body FROM soc_incident WHERE ";

    private final DataSource dataSource;

    public JdbcIncidents(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Incident insert(TenantId tenant, Incident incident) {
        if (!incident.tenant().equals(tenant)) {
            throw new IllegalArgumentException("incident of another tenant");
        }
        Incident stored = withVersion(incident, 0);
        Jdbc.inTransaction(dataSource, "storing incident " + incident.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO soc_incident (tenant_id, id, "
                    + "group_key, asset_id, state, is_open, priority, created_at, updated_at, version, body) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setObject(2, stored.id());
                insert.setString(3, Jdbc.text(cut(stored.groupKey())));
                insert.setObject(4, stored.assetId());
                insert.setString(5, stored.state().code());
                insert.setBoolean(6, !stored.state().isFinished());
                insert.setString(7, stored.priority().name());
                insert.setObject(8, Jdbc.timestamp(stored.createdAt()));
                insert.setObject(9, Jdbc.timestamp(stored.updatedAt()));
                insert.setLong(10, 0);
                insert.setString(11, Jdbc.text(SocJson.write(stored)));
                insert.executeUpdate();
            }
            return null;
        });
        return stored;
    }

    @Override
    public Incident update(TenantId tenant, Incident next) {
        Incident stored = withVersion(next, next.version() + 1);
        int updated = Jdbc.inTransaction(dataSource, "updating incident " + next.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE soc_incident SET group_key = ?, "
                    + "asset_id = ?, state = ?, is_open = ?, priority = ?, updated_at = ?, version = ?, body = ? "
                    + "WHERE tenant_id = ? AND id = ? AND version = ?")) {
                update.setString(1, Jdbc.text(cut(stored.groupKey())));
                update.setObject(2, stored.assetId());
                update.setString(3, stored.state().code());
                update.setBoolean(4, !stored.state().isFinished());
                update.setString(5, stored.priority().name());
                update.setObject(6, Jdbc.timestamp(stored.updatedAt()));
                update.setLong(7, stored.version());
                update.setString(8, Jdbc.text(SocJson.write(stored)));
                update.setObject(9, tenant.value());
                update.setObject(10, next.id());
                update.setLong(11, next.version());
                return update.executeUpdate();
            }
        });
        if (updated == 0) {
            if (find(tenant, next.id()).isEmpty()) {
                throw new IncidentNotFoundException(next.id());
            }
            throw new ConcurrentChangeException("incident " + next.id() + " was changed by someone else; read it again");
        }
        return stored;
    }

    @Override
    public Optional<Incident> find(TenantId tenant, UUID id) {
        List<Incident> found = query(BODY + "tenant_id = ? AND id = ?", 1, tenant.value(), id);
        return found.stream().findFirst();
    }

    @Override
    public Optional<Incident> findOpen(TenantId tenant, String groupKey) {
        return query(BODY + "tenant_id = ? AND group_key = ? AND is_open = TRUE ORDER BY created_at DESC, seq DESC", 1,
                tenant.value(), cut(groupKey)).stream().findFirst();
    }

    @Override
    public List<Incident> openOnAsset(TenantId tenant, UUID assetId) {
        return query(BODY + "tenant_id = ? AND asset_id = ? AND is_open = TRUE ORDER BY created_at", 1000,
                tenant.value(), assetId);
    }

    @Override
    public List<Incident> list(TenantId tenant, IncidentQuery q) {
        return q.state() == null
                ? query(BODY + "tenant_id = ? ORDER BY updated_at DESC, seq DESC", q.limit(), tenant.value())
                : query(BODY + "tenant_id = ? AND state = ? ORDER BY updated_at DESC, seq DESC", q.limit(),
                        tenant.value(), q.state().code());
    }

    @Override
    @CrossTenant("automatic escalation and SLA clocks walk every tenant's open incidents; each carries its tenant")
    public List<Incident> openAcrossTenants(int limit) {
        return query(BODY + "is_open = TRUE ORDER BY updated_at", limit);
    }

    /** The tenant's incidents created in {@code [from, to)}, oldest first, at most {@code limit}. */
    public List<Incident> createdBetween(TenantId tenant, Instant from, Instant to, int limit) {
        return query(BODY + "tenant_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, seq", limit,
                tenant.value(), Jdbc.timestamp(from), Jdbc.timestamp(to));
    }

    /** How many incidents the tenant has. */
    public long count(TenantId tenant) {
        return Jdbc.withConnection(dataSource, "counting incidents", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM soc_incident WHERE tenant_id = ?")) {
                select.setObject(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private List<Incident> query(String sql, int limit, Object... parameters) {
        return Jdbc.withConnection(dataSource, "reading incidents", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    if (parameters[i] instanceof String s) {
                        select.setString(i + 1, s);
                    } else {
                        select.setObject(i + 1, parameters[i]);
                    }
                }
                select.setMaxRows(limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<Incident> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(read(rows));
                    }
                    return out;
                }
            }
        });
    }

    private static Incident read(ResultSet row) throws SQLException {
        return SocJson.read(row.getString(1), Incident.class);
    }

    private static String cut(String key) {
        return key.length() <= 1200 ? key : key.substring(0, 1200);
    }

    private static Incident withVersion(Incident i, long version) {
        return new Incident(i.id(), i.tenant(), i.title(), i.priority(), i.priorityReason(), i.state(), i.tier(),
                i.tierSince(), i.assignee(), i.origin(), i.groupKey(), i.assetId(), i.createdAt(), i.firstEventAt(),
                i.updatedAt(), i.escalationStep(), i.rolledUpInto(), i.overflowAlerts(), i.alerts(), i.observables(),
                i.techniques(), i.tasks(), i.notes(), i.attachments(), i.timeline(), i.history(), version);
    }
}
