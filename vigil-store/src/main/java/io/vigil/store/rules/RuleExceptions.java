package io.vigil.store.rules;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/** A tenant's exceptions (Sigma filter documents with author, reason and optional expiry). */
public final class RuleExceptions {

    private static final String COLUMNS = "id, tenant_id, yaml, author, reason, expires_at, created_at";

    private final DataSource dataSource;
    private final Clock clock;

    public RuleExceptions(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param expiresAt when it stops suppressing, {@code null} for never */
    public StoredRuleException add(TenantId tenant, String yaml, String author, String reason, Instant expiresAt) {
        Objects.requireNonNull(tenant, "tenant");
        StoredRuleException added = new StoredRuleException(UUID.randomUUID(), tenant, yaml, author, reason,
                Jdbc.asStored(expiresAt), Jdbc.now(clock));
        Jdbc.withConnection(dataSource, "adding an exception for tenant " + tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO rule_exception (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, added.id());
                insert.setObject(2, tenant.value());
                insert.setString(3, Jdbc.text(yaml));
                insert.setString(4, Jdbc.text(author));
                insert.setString(5, Jdbc.text(reason));
                insert.setObject(6, Jdbc.timestamp(added.expiresAt()));
                insert.setObject(7, Jdbc.timestamp(added.createdAt()));
                insert.executeUpdate();
            }
            return null;
        });
        return added;
    }

    /** The tenant's exceptions, expired ones included, oldest first. */
    public List<StoredRuleException> list(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.withConnection(dataSource, "listing exceptions of tenant " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM rule_exception WHERE tenant_id = ? ORDER BY created_at, id")) {
                select.setObject(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredRuleException> list = new ArrayList<>();
                    while (rows.next()) {
                        list.add(new StoredRuleException(rows.getObject("id", UUID.class), tenant, rows.getString("yaml"),
                                rows.getString("author"), rows.getString("reason"), Jdbc.instant(rows, "expires_at"),
                                Jdbc.instant(rows, "created_at")));
                    }
                    return list;
                }
            }
        });
    }

    /** @return whether the tenant had this exception; another tenant's is not found */
    public boolean delete(TenantId tenant, UUID id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return Jdbc.withConnection(dataSource, "deleting exception " + id + " of tenant " + tenant, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM rule_exception WHERE tenant_id = ? AND id = ?")) {
                delete.setObject(1, tenant.value());
                delete.setObject(2, id);
                return delete.executeUpdate() > 0;
            }
        });
    }
}
