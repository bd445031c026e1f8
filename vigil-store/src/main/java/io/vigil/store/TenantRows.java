package io.vigil.store;

import io.vigil.core.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads of a table whose rows belong to one tenant each and are numbered by an identity {@code seq}:
 * newest-first pages, lookup by id, count. Every query is bound to a tenant; there is no other way in.
 *
 * @param <T> what one row maps to
 */
public final class TenantRows<T> {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;
    private final String table;
    private final String columns;
    private final String idColumn;
    private final int maxPage;
    private final RowMapper<T> mapper;

    public TenantRows(DataSource dataSource, String table, String columns, String idColumn, int maxPage,
                      RowMapper<T> mapper) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = Objects.requireNonNull(table, "table");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.idColumn = Objects.requireNonNull(idColumn, "idColumn");
        this.maxPage = maxPage;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The tenant's newest rows, newest first.
     *
     * @param limit     1 to the table's page limit
     * @param beforeSeq only rows older than this seq (the next page), or {@code null}
     */
    public List<T> newestFirst(TenantId tenant, int limit, Long beforeSeq) {
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 1 || limit > maxPage) {
            throw new IllegalArgumentException("limit must be 1-" + maxPage + ": " + limit);
        }
        String sql = "SELECT " + columns + " FROM " + table + " WHERE tenant_id = ?"
                + (beforeSeq == null ? "" : " AND seq < ?") + " ORDER BY seq DESC FETCH FIRST ? ROWS ONLY";
        return Jdbc.withConnection(dataSource, "reading " + table + " of tenant " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                select.setObject(index++, tenant.value());
                if (beforeSeq != null) {
                    select.setLong(index++, beforeSeq);
                }
                select.setInt(index, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<T> page = new ArrayList<>();
                    while (rows.next()) {
                        page.add(mapper.map(rows));
                    }
                    return page;
                }
            }
        });
    }

    /** The tenant's row with this id; another tenant's row is not found. */
    public Optional<T> find(TenantId tenant, UUID id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return Jdbc.withConnection(dataSource, "finding " + id + " in " + table + " of tenant " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + columns + " FROM " + table + " WHERE tenant_id = ? AND " + idColumn + " = ?")) {
                select.setObject(1, tenant.value());
                select.setObject(2, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(mapper.map(rows)) : Optional.<T>empty();
                }
            }
        });
    }

    /**
     * Deletes the tenant's rows older than its {@code capacity}-th newest, inside the caller's
     * transaction: an index range scan and one delete.
     */
    public void trim(java.sql.Connection connection, TenantId tenant, int capacity) throws SQLException {
        long oldestKept;
        try (PreparedStatement select = connection.prepareStatement("SELECT seq FROM " + table
                + " WHERE tenant_id = ? ORDER BY seq DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")) {
            select.setObject(1, tenant.value());
            select.setInt(2, capacity - 1);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return;
                }
                oldestKept = rows.getLong(1);
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE tenant_id = ? AND seq < ?")) {
            delete.setObject(1, tenant.value());
            delete.setLong(2, oldestKept);
            delete.executeUpdate();
        }
    }

    /** How many rows the tenant has. */
    public long count(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.withConnection(dataSource, "counting " + table + " of tenant " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?")) {
                select.setObject(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }
}
