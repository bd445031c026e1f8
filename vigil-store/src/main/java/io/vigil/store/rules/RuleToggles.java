package io.vigil.store.rules;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/** A tenant's enable/disable switches for rules, by Sigma id; a rule without a switch is enabled. */
public final class RuleToggles {

    private final DataSource dataSource;
    private final Clock clock;

    public RuleToggles(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sets the switch (an upsert: update, else insert, in one transaction). */
    public void set(TenantId tenant, String ruleId, boolean enabled) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(ruleId, "ruleId");
        Jdbc.inTransaction(dataSource, "switching rule " + ruleId + " for tenant " + tenant, connection -> {
            var now = Jdbc.timestamp(Jdbc.now(clock));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE rule_toggle SET enabled = ?, changed_at = ? WHERE tenant_id = ? AND rule_id = ?")) {
                update.setBoolean(1, enabled);
                update.setObject(2, now);
                update.setObject(3, tenant.value());
                update.setString(4, ruleId);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO rule_toggle (tenant_id, rule_id, enabled, changed_at) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setString(2, ruleId);
                insert.setBoolean(3, enabled);
                insert.setObject(4, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The ids of the rules the tenant switched off. */
    public Set<String> disabled(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.withConnection(dataSource, "reading rule switches of tenant " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT rule_id FROM rule_toggle WHERE tenant_id = ? AND enabled = FALSE")) {
                select.setObject(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    Set<String> ids = new HashSet<>();
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                    return Set.copyOf(ids);
                }
            }
        });
    }
}
