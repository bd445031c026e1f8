package io.vigil.store.source;

import io.vigil.core.source.SourceKey;
import io.vigil.core.source.SourceSilence;
import io.vigil.core.source.SourceState;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/** "Log source silent" signals per tenant, newest first. */
public final class SourceSignals {

    /** Detail text kept at most (the column's width). */
    static final int MAX_DETAIL = 500;

    private final DataSource dataSource;

    public SourceSignals(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Stores a raised signal of the tenant; the signal's key must be of that tenant. */
    public StoredSignal raise(TenantId tenant, SourceSilence signal) {
        if (!signal.key().tenant().equals(tenant)) {
            throw new IllegalArgumentException("signal of tenant " + signal.key().tenant() + " stored under " + tenant);
        }
        UUID id = UUID.randomUUID();
        String detail = signal.detail().length() > MAX_DETAIL ? signal.detail().substring(0, MAX_DETAIL) : signal.detail();
        Jdbc.withConnection(dataSource, "storing a source signal of " + tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO source_signal (id, tenant_id, "
                    + "source_input, source_name, state, raised_at, last_seen, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setObject(2, tenant.value());
                insert.setString(3, Jdbc.text(signal.key().input()));
                insert.setString(4, Jdbc.text(signal.key().name()));
                insert.setString(5, signal.state().name());
                insert.setObject(6, Jdbc.timestamp(signal.raisedAt()));
                insert.setObject(7, signal.lastSeen() == null ? null : Jdbc.timestamp(signal.lastSeen()));
                insert.setString(8, Jdbc.text(detail));
                return insert.executeUpdate();
            }
        });
        return new StoredSignal(id, signal, null);
    }

    /** Marks the tenant's open signals of the source as cleared. */
    public int clear(TenantId tenant, String input, String name, Instant clearedAt) {
        return Jdbc.withConnection(dataSource, "clearing source signals of " + tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE source_signal SET cleared_at = ? "
                    + "WHERE tenant_id = ? AND source_input = ? AND source_name = ? AND cleared_at IS NULL")) {
                update.setObject(1, Jdbc.timestamp(clearedAt));
                update.setObject(2, tenant.value());
                update.setString(3, Jdbc.text(input));
                update.setString(4, Jdbc.text(name));
                return update.executeUpdate();
            }
        });
    }

    /** The tenant's newest signals, open and cleared, at most {@code limit}. */
    public List<StoredSignal> recent(TenantId tenant, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1-1000");
        }
        return Jdbc.withConnection(dataSource, "listing source signals of " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM source_signal WHERE tenant_id = ? "
                    + "ORDER BY raised_at DESC, id")) {
                select.setObject(1, tenant.value());
                select.setMaxRows(limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredSignal> found = new ArrayList<>();
                    while (rows.next()) {
                        SourceSilence signal = new SourceSilence(new SourceKey(tenant, rows.getString("source_input"),
                                rows.getString("source_name")), SourceState.valueOf(rows.getString("state")),
                                Jdbc.instant(rows, "raised_at"), Jdbc.instant(rows, "last_seen"), rows.getString("detail"));
                        found.add(new StoredSignal(rows.getObject("id", UUID.class), signal, Jdbc.instant(rows, "cleared_at")));
                    }
                    return found;
                }
            }
        });
    }
}
