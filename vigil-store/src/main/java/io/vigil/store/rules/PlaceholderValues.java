package io.vigil.store.rules;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.CrossTenant;
import io.vigil.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Values of Sigma {@code |expand} placeholders, by name (without the percent signs): MSSP-wide defaults through
 * the {@code platform…} methods and a tenant's own values, which override a default of the same name. Values are
 * stored one per line, so none may hold a line break (callers validate names, counts and lengths).
 */
public final class PlaceholderValues {

    private final DataSource dataSource;
    private final Clock clock;

    public PlaceholderValues(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sets (creates or replaces) the tenant's values of one placeholder. */
    public void set(TenantId tenant, String name, List<String> values, String changedBy) {
        Objects.requireNonNull(tenant, "tenant");
        upsert(tenant, name, values, changedBy);
    }

    /** The tenant's own values, by name in name order (defaults not included). */
    public Map<String, List<String>> list(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return select(tenant);
    }

    /** @return whether the tenant had values for this placeholder */
    public boolean delete(TenantId tenant, String name) {
        Objects.requireNonNull(tenant, "tenant");
        return remove(tenant, name);
    }

    @CrossTenant("MSSP-wide placeholder defaults belong to no tenant")
    public void setPlatform(String name, List<String> values, String changedBy) {
        upsert(null, name, values, changedBy);
    }

    @CrossTenant("MSSP-wide placeholder defaults belong to no tenant")
    public Map<String, List<String>> listPlatform() {
        return select(null);
    }

    @CrossTenant("MSSP-wide placeholder defaults belong to no tenant")
    public boolean deletePlatform(String name) {
        return remove(null, name);
    }

    /** What the tenant's rules compile with: the MSSP-wide defaults, each overridden by the tenant's own values. */
    public Map<String, List<String>> effective(TenantId tenant) {
        Map<String, List<String>> values = new LinkedHashMap<>(select(null));
        values.putAll(list(tenant));
        return values;
    }

    private static String scope(TenantId tenant) {
        return tenant == null ? CustomRules.MSSP_SCOPE : tenant.value().toString();
    }

    private void upsert(TenantId tenant, String name, List<String> values, String changedBy) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(changedBy, "changedBy");
        if (values.isEmpty() || values.stream().anyMatch(v -> v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("placeholder values must be at least one, without line breaks");
        }
        String joined = String.join("\n", values);
        Jdbc.inTransaction(dataSource, "setting placeholder " + name + " of " + scope(tenant), connection -> {
            var now = Jdbc.timestamp(Jdbc.now(clock));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE placeholder_value SET vals = ?, changed_at = ?, changed_by = ? WHERE scope = ? AND name = ?")) {
                update.setString(1, joined);
                update.setObject(2, now);
                update.setString(3, changedBy);
                update.setString(4, scope(tenant));
                update.setString(5, name);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO placeholder_value "
                    + "(scope, tenant_id, name, vals, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, scope(tenant));
                insert.setObject(2, tenant == null ? null : tenant.value());
                insert.setString(3, name);
                insert.setString(4, joined);
                insert.setObject(5, now);
                insert.setString(6, changedBy);
                insert.executeUpdate();
            }
            return null;
        });
    }

    private Map<String, List<String>> select(TenantId tenant) {
        return Jdbc.withConnection(dataSource, "listing placeholders of " + scope(tenant), connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, vals FROM placeholder_value WHERE scope = ? ORDER BY name")) {
                select.setString(1, scope(tenant));
                try (ResultSet rows = select.executeQuery()) {
                    Map<String, List<String>> values = new LinkedHashMap<>();
                    while (rows.next()) {
                        values.put(rows.getString("name"), List.of(rows.getString("vals").split("\n", -1)));
                    }
                    return values;
                }
            }
        });
    }

    private boolean remove(TenantId tenant, String name) {
        Objects.requireNonNull(name, "name");
        return Jdbc.withConnection(dataSource, "deleting placeholder " + name + " of " + scope(tenant),
                (Connection connection) -> {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM placeholder_value WHERE scope = ? AND name = ?")) {
                        delete.setString(1, scope(tenant));
                        delete.setString(2, name);
                        return delete.executeUpdate() > 0;
                    }
                });
    }
}
