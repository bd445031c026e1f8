package io.vigil.store.collection;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.CrossTenant;
import io.vigil.store.DuplicateException;
import io.vigil.store.Jdbc;
import io.vigil.store.NotFoundException;
import io.vigil.store.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Declared source networks of plain syslog senders. The caller passes canonical CIDR text and checks
 * overlaps with other tenants' networks (address arithmetic lives with the transport); the unique
 * constraint still refuses the same block twice.
 */
public final class SourceNetworks {

    private static final String COLUMNS = "id, tenant_id, cidr, codec, label, created_at";

    private final DataSource dataSource;
    private final Clock clock;

    public SourceNetworks(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Declares a network of the tenant.
     *
     * @throws DuplicateException if the block is already declared (by any tenant)
     * @throws NotFoundException  if the tenant does not exist
     */
    public SourceNetwork declare(TenantId tenant, String cidr, String codec, String label) {
        SourceNetwork network = new SourceNetwork(UUID.randomUUID(), tenant, cidr, codec, label, Jdbc.now(clock));
        Jdbc.withConnection(dataSource, "declaring network " + cidr + " of tenant " + tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO source_network (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, network.id());
                insert.setObject(2, tenant.value());
                insert.setString(3, cidr);
                insert.setString(4, codec);
                insert.setString(5, label);
                insert.setObject(6, Jdbc.timestamp(network.createdAt()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isMissingParent(e)) {
                    throw new NotFoundException("tenant " + tenant + " not found");
                }
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new DuplicateException("the network " + cidr + " is already declared");
                }
                throw e;
            }
            return null;
        });
        return network;
    }

    /** The tenant's networks, oldest first. */
    public List<SourceNetwork> list(TenantId tenant) {
        return Jdbc.withConnection(dataSource, "listing networks of tenant " + tenant,
                connection -> select(connection, "WHERE tenant_id = ? ORDER BY created_at, id", tenant.value()));
    }

    /** @return whether the tenant had a network with this id */
    public boolean delete(TenantId tenant, UUID id) {
        return Jdbc.withConnection(dataSource, "deleting network " + id + " of tenant " + tenant, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM source_network WHERE id = ? AND tenant_id = ?")) {
                delete.setObject(1, id);
                delete.setObject(2, tenant.value());
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** Every tenant's networks: the listener's table from address to tenant. */
    @CrossTenant("the transport maps sender addresses to tenants; this is that map")
    public List<SourceNetwork> all() {
        return Jdbc.withConnection(dataSource, "loading source networks", connection -> select(connection, "ORDER BY cidr"));
    }

    private static List<SourceNetwork> select(Connection connection, String where, Object... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM source_network " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<SourceNetwork> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(new SourceNetwork(rows.getObject("id", UUID.class),
                            new TenantId(rows.getObject("tenant_id", UUID.class)), rows.getString("cidr"),
                            rows.getString("codec"), rows.getString("label"), Jdbc.instant(rows, "created_at")));
                }
                return found;
            }
        }
    }
}
