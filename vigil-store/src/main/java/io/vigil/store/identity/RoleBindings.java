package io.vigil.store.identity;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.DuplicateException;
import io.vigil.store.Jdbc;
import io.vigil.store.NotFoundException;
import io.vigil.store.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Standing role bindings of accounts. Every grant is checked against the account: its kind must be allowed the
 * role ({@link ActorKind#mayHold}), and a client user holds roles only on its home tenant. Bindings here never
 * expire; time-limited grants come from a {@link io.vigil.core.access.GrantSource}.
 */
public final class RoleBindings {

    private static final String ALL = "all";
    private static final String COLUMNS = "id, user_id, role, tenant_id, source, created_at, created_by";

    private final DataSource dataSource;
    private final Clock clock;

    public RoleBindings(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws NotFoundException        for an unknown account
     * @throws IllegalArgumentException if the account may not hold the binding, or the tenant does not exist
     * @throws DuplicateException       if the account holds the role on that scope already
     */
    public RoleBindingRow grant(UUID userId, RoleBinding binding, String source, String grantedBy) {
        Objects.requireNonNull(binding, "binding");
        String checkedSource = RoleBindingRow.requireSource(source);
        Objects.requireNonNull(grantedBy, "grantedBy");
        return Jdbc.inTransaction(dataSource, "granting " + binding.role().code() + " to user " + userId,
                connection -> insert(connection, userId, binding, checkedSource, grantedBy));
    }

    private RoleBindingRow insert(Connection connection, UUID userId, RoleBinding binding, String source,
                                  String grantedBy) throws SQLException {
        if (binding.expiresAt() != null) {
            throw new IllegalArgumentException("standing role bindings do not expire");
        }
        check(connection, userId, binding);
        RoleBindingRow row = new RoleBindingRow(UUID.randomUUID(), userId, binding, source, Jdbc.now(clock), grantedBy);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO role_binding (" + COLUMNS + ", scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, row.id());
            insert.setObject(2, userId);
            insert.setString(3, binding.role().code());
            insert.setObject(4, binding.tenant() == null ? null : binding.tenant().value());
            insert.setString(5, source);
            insert.setObject(6, Jdbc.timestamp(row.createdAt()));
            insert.setString(7, grantedBy);
            insert.setString(8, scope(binding));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new DuplicateException("the account holds " + binding.role().code() + " on "
                        + describe(binding) + " already");
            }
            if (SqlErrors.isMissingParent(e)) {
                throw new IllegalArgumentException("tenant " + binding.tenant() + " does not exist");
            }
            throw e;
        }
        return row;
    }

    private static void check(Connection connection, UUID userId, RoleBinding binding) throws SQLException {
        ActorKind kind;
        UUID home;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT kind, home_tenant_id FROM user_account WHERE id = ?")) {
            select.setObject(1, userId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new NotFoundException("user " + userId + " not found");
                }
                kind = ActorKind.ofCode(rows.getString(1));
                home = rows.getObject(2, UUID.class);
            }
        }
        if (!kind.mayHold(binding.role())) {
            throw new IllegalArgumentException("a " + kind.code() + " account cannot hold the role " + binding.role().code());
        }
        if (kind == ActorKind.CLIENT_USER && (binding.tenant() == null || !binding.tenant().value().equals(home))) {
            throw new IllegalArgumentException("a client user holds roles only on its home tenant");
        }
    }

    /** The account's standing bindings in force at {@code now}. */
    public List<RoleBinding> active(UUID userId, Instant now) {
        Objects.requireNonNull(now, "now");
        return list(userId).stream().map(RoleBindingRow::binding).filter(b -> b.activeAt(now)).toList();
    }

    /** The account's bindings, every source. */
    public List<RoleBindingRow> list(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        return select("listing role bindings of user " + userId, "user_id = ?", userId);
    }

    /** The bindings on this one tenant (bindings to all tenants not included). */
    public List<RoleBindingRow> onTenant(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return select("listing role bindings on tenant " + tenant, "tenant_id = ?", tenant.value());
    }

    /** @return whether the binding existed */
    public boolean revoke(UUID bindingId) {
        Objects.requireNonNull(bindingId, "bindingId");
        return Jdbc.withConnection(dataSource, "revoking role binding " + bindingId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM role_binding WHERE id = ?")) {
                delete.setObject(1, bindingId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /**
     * Makes the account's bindings of one source exactly {@code bindings}, in one transaction (SSO sync). A binding
     * the account already holds from another source is left as it is.
     */
    public void replace(UUID userId, String source, List<RoleBinding> bindings) {
        String checkedSource = RoleBindingRow.requireSource(source);
        Objects.requireNonNull(bindings, "bindings");
        Jdbc.inTransaction(dataSource, "replacing " + checkedSource + " role bindings of user " + userId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM role_binding WHERE user_id = ? AND source = ?")) {
                delete.setObject(1, userId);
                delete.setString(2, checkedSource);
                delete.executeUpdate();
            }
            Set<String> held = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT role, scope FROM role_binding WHERE user_id = ?")) {
                select.setObject(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        held.add(rows.getString(1) + "/" + rows.getString(2));
                    }
                }
            }
            for (RoleBinding binding : bindings) {
                if (held.add(binding.role().code() + "/" + scope(binding))) {
                    insert(connection, userId, binding, checkedSource, checkedSource);
                }
            }
            return null;
        });
    }

    private List<RoleBindingRow> select(String action, String where, UUID value) {
        return Jdbc.withConnection(dataSource, action, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM role_binding WHERE " + where + " ORDER BY created_at, role, scope")) {
                select.setObject(1, value);
                try (ResultSet rows = select.executeQuery()) {
                    List<RoleBindingRow> result = new ArrayList<>();
                    while (rows.next()) {
                        UUID tenant = rows.getObject("tenant_id", UUID.class);
                        RoleBinding binding = new RoleBinding(Role.ofCode(rows.getString("role")),
                                tenant == null ? null : new TenantId(tenant), null);
                        result.add(new RoleBindingRow(rows.getObject("id", UUID.class), rows.getObject("user_id", UUID.class),
                                binding, rows.getString("source"), Jdbc.instant(rows, "created_at"), rows.getString("created_by")));
                    }
                    return result;
                }
            }
        });
    }

    private static String scope(RoleBinding binding) {
        return binding.tenant() == null ? ALL : binding.tenant().value().toString();
    }

    private static String describe(RoleBinding binding) {
        return binding.tenant() == null ? "all tenants" : "tenant " + binding.tenant();
    }
}
