package io.vigil.store.rules;

import io.vigil.store.CrossTenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.DuplicateException;
import io.vigil.store.Jdbc;
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
 * Custom Sigma rules: a tenant's own (tenant first, as all tenant data) and, through the {@code platform…}
 * methods, MSSP-wide rules that run for every tenant. A rule id is unique within its scope (MSSP-wide, or one
 * tenant).
 */
public final class CustomRules {

    static final String MSSP_SCOPE = "mssp";
    private static final String COLUMNS = "id, tenant_id, rule_id, yaml, created_at, created_by";

    private final DataSource dataSource;
    private final Clock clock;

    public CustomRules(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws DuplicateException if the tenant has a rule with this id already */
    public CustomRule add(TenantId tenant, String ruleId, String yaml, String createdBy) {
        Objects.requireNonNull(tenant, "tenant");
        return insert(tenant, ruleId, yaml, createdBy);
    }

    /**
     * Several rule documents of one upload (for example base rules and the correlation over them), all or none.
     *
     * @param documents rule id &rarr; document, in upload order
     * @throws DuplicateException if the tenant has a rule with one of these ids already
     */
    public List<CustomRule> addAll(TenantId tenant, java.util.SequencedMap<String, String> documents, String createdBy) {
        Objects.requireNonNull(tenant, "tenant");
        return insertAll(tenant, documents, createdBy);
    }

    /** The tenant's own rules, oldest first. */
    public List<CustomRule> list(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return select(tenant);
    }

    /** @return whether the tenant had a rule with this id */
    public boolean delete(TenantId tenant, String ruleId) {
        Objects.requireNonNull(tenant, "tenant");
        return remove(tenant, ruleId);
    }

    /** An MSSP-wide rule. @throws DuplicateException if an MSSP-wide rule with this id exists already */
    @CrossTenant("MSSP-wide rules belong to no tenant")
    public CustomRule addPlatform(String ruleId, String yaml, String createdBy) {
        return insert(null, ruleId, yaml, createdBy);
    }

    /** MSSP-wide rule documents of one upload, all or none. @see #addAll */
    @CrossTenant("MSSP-wide rules belong to no tenant")
    public List<CustomRule> addAllPlatform(java.util.SequencedMap<String, String> documents, String createdBy) {
        return insertAll(null, documents, createdBy);
    }

    /** The MSSP-wide rules, oldest first. */
    @CrossTenant("MSSP-wide rules belong to no tenant")
    public List<CustomRule> listPlatform() {
        return select(null);
    }

    /** @return whether an MSSP-wide rule with this id existed */
    @CrossTenant("MSSP-wide rules belong to no tenant")
    public boolean deletePlatform(String ruleId) {
        return remove(null, ruleId);
    }

    private static String scope(TenantId tenant) {
        return tenant == null ? MSSP_SCOPE : tenant.value().toString();
    }

    private CustomRule insert(TenantId tenant, String ruleId, String yaml, String createdBy) {
        java.util.SequencedMap<String, String> one = new java.util.LinkedHashMap<>();
        one.put(ruleId, yaml);
        return insertAll(tenant, one, createdBy).getFirst();
    }

    private List<CustomRule> insertAll(TenantId tenant, java.util.SequencedMap<String, String> documents,
                                       String createdBy) {
        Objects.requireNonNull(documents, "documents");
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("no rule to add");
        }
        String action = "adding rule(s) " + documents.keySet() + " for " + scope(tenant);
        return Jdbc.inTransaction(dataSource, action, connection -> {
            List<CustomRule> added = new ArrayList<>();
            var createdAt = Jdbc.now(clock);
            for (var document : documents.entrySet()) {
                String ruleId = document.getKey();
                CustomRule rule = new CustomRule(UUID.randomUUID(), tenant, ruleId, document.getValue(), createdAt,
                        createdBy);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO custom_rule (" + COLUMNS + ", scope) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setObject(1, rule.id());
                    insert.setObject(2, tenant == null ? null : tenant.value());
                    insert.setString(3, ruleId);
                    insert.setString(4, Jdbc.text(rule.yaml()));
                    insert.setObject(5, Jdbc.timestamp(rule.createdAt()));
                    insert.setString(6, createdBy);
                    insert.setString(7, scope(tenant));
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (SqlErrors.isUniqueViolation(e)) {
                        throw new DuplicateException("a " + (tenant == null ? "MSSP-wide" : "tenant")
                                + " rule with id '" + ruleId + "' exists already");
                    }
                    throw e;
                }
                added.add(rule);
            }
            return added;
        });
    }

    private List<CustomRule> select(TenantId tenant) {
        return Jdbc.withConnection(dataSource, "listing rules of " + scope(tenant), connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM custom_rule WHERE scope = ? ORDER BY created_at, id")) {
                select.setString(1, scope(tenant));
                try (ResultSet rows = select.executeQuery()) {
                    List<CustomRule> rules = new ArrayList<>();
                    while (rows.next()) {
                        rules.add(new CustomRule(rows.getObject("id", UUID.class), tenant, rows.getString("rule_id"),
                                rows.getString("yaml"), Jdbc.instant(rows, "created_at"), rows.getString("created_by")));
                    }
                    return rules;
                }
            }
        });
    }

    private boolean remove(TenantId tenant, String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        return Jdbc.withConnection(dataSource, "deleting rule " + ruleId + " of " + scope(tenant),
                (Connection connection) -> {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM custom_rule WHERE scope = ? AND rule_id = ?")) {
                        delete.setString(1, scope(tenant));
                        delete.setString(2, ruleId);
                        return delete.executeUpdate() > 0;
                    }
                });
    }
}
