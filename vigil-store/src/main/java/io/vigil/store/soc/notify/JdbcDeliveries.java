package io.vigil.store.soc.notify;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.notify.Deliveries;
import io.vigil.soc.notify.Delivery;
import io.vigil.store.CrossTenant;
import io.vigil.store.Jdbc;
import io.vigil.store.soc.SocJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The notification outbox in {@code soc_delivery}. */
public final class JdbcDeliveries implements Deliveries {

    private final DataSource dataSource;

    public JdbcDeliveries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Delivery save(TenantId tenant, Delivery d) {
        if (!d.tenant().equals(tenant)) {
            throw new IllegalArgumentException("delivery of another tenant");
        }
        String body = Jdbc.text(SocJson.write(d));
        Jdbc.inTransaction(dataSource, "saving delivery " + d.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE soc_delivery SET state = ?, "
                    + "next_attempt_at = ?, updated_at = ?, body = ? WHERE tenant_id = ? AND id = ?")) {
                update.setString(1, d.state().name());
                update.setObject(2, Jdbc.timestamp(d.nextAttemptAt()));
                update.setObject(3, Jdbc.timestamp(d.updatedAt()));
                update.setString(4, body);
                update.setObject(5, tenant.value());
                update.setObject(6, d.id());
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO soc_delivery (tenant_id, id, "
                    + "state, next_attempt_at, updated_at, body) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setObject(2, d.id());
                insert.setString(3, d.state().name());
                insert.setObject(4, Jdbc.timestamp(d.nextAttemptAt()));
                insert.setObject(5, Jdbc.timestamp(d.updatedAt()));
                insert.setString(6, body);
                insert.executeUpdate();
            }
            return null;
        });
        return d;
    }

    @Override
    public Optional<Delivery> find(TenantId tenant, UUID id) {
        return query("SELECT body FROM soc_delivery WHERE tenant_id = ? AND id = ?", 1, tenant.value(), id).stream().findFirst();
    }

    @Override
    @CrossTenant("the outbox worker sends every tenant's due deliveries; each carries its tenant")
    public List<Delivery> due(Instant now, int limit) {
        return query("SELECT body FROM soc_delivery WHERE state = 'PENDING' AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at, seq", limit, Jdbc.timestamp(now));
    }

    @Override
    public List<Delivery> list(TenantId tenant, Delivery.State state, int limit) {
        return query("SELECT body FROM soc_delivery WHERE tenant_id = ? AND state = ? ORDER BY seq DESC", limit,
                tenant.value(), state.name());
    }

    private List<Delivery> query(String sql, int limit, Object... parameters) {
        return Jdbc.withConnection(dataSource, "reading deliveries", connection -> {
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
                    List<Delivery> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(SocJson.read(rows.getString(1), Delivery.class));
                    }
                    return out;
                }
            }
        });
    }
}
