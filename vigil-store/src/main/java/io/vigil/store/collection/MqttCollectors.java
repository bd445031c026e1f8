package io.vigil.store.collection;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.CrossTenant;
import io.vigil.store.DuplicateException;
import io.vigil.store.Jdbc;
import io.vigil.store.SqlErrors;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * MQTT topic mappings. A topic filter belongs to one tenant: adding a filter another mapping already has fails with
 * {@link io.vigil.store.DuplicateException}. Callers validate filters, types and codecs.
 */
public final class MqttCollectors {

    private static final String COLUMNS = "id, tenant_id, topic_filter, source_type, codec, created_at, created_by";

    private final DataSource dataSource;
    private final Clock clock;

    public MqttCollectors(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public MqttCollector add(TenantId tenant, String topicFilter, String sourceType, String codec, String createdBy) {
        MqttCollector collector = new MqttCollector(UUID.randomUUID(), tenant, topicFilter, sourceType, codec,
                Jdbc.now(clock), createdBy);
        Jdbc.withConnection(dataSource, "adding MQTT mapping " + topicFilter + " of " + tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO mqtt_collector (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, collector.id());
                insert.setObject(2, tenant.value());
                insert.setString(3, topicFilter);
                insert.setString(4, sourceType);
                insert.setString(5, codec);
                insert.setObject(6, Jdbc.timestamp(collector.createdAt()));
                insert.setString(7, createdBy);
                return insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    // Do not say whose: the filter may be another client's.
                    throw new DuplicateException("topic filter '" + topicFilter + "' is already mapped");
                }
                throw e;
            }
        });
        return collector;
    }

    public List<MqttCollector> list(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return select("SELECT " + COLUMNS + " FROM mqtt_collector WHERE tenant_id = ? ORDER BY topic_filter", tenant.value());
    }

    public Optional<MqttCollector> find(TenantId tenant, UUID id) {
        return select("SELECT " + COLUMNS + " FROM mqtt_collector WHERE tenant_id = ? AND id = ?", tenant.value(), id)
                .stream().findFirst();
    }

    /** @return whether the tenant had this mapping */
    public boolean delete(TenantId tenant, UUID id) {
        return Jdbc.withConnection(dataSource, "deleting MQTT mapping " + id + " of " + tenant, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM mqtt_collector WHERE tenant_id = ? AND id = ?")) {
                delete.setObject(1, tenant.value());
                delete.setObject(2, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @CrossTenant("the MQTT input subscribes for every tenant on one broker connection and routes by topic")
    public List<MqttCollector> all() {
        return select("SELECT " + COLUMNS + " FROM mqtt_collector ORDER BY topic_filter");
    }

    private List<MqttCollector> select(String sql, Object... parameters) {
        return Jdbc.withConnection(dataSource, "listing MQTT mappings", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = select.executeQuery()) {
                    List<MqttCollector> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(row(rows));
                    }
                    return found;
                }
            }
        });
    }

    private static MqttCollector row(ResultSet rows) throws SQLException {
        Instant created = Jdbc.instant(rows, "created_at");
        return new MqttCollector(rows.getObject("id", UUID.class), new TenantId(rows.getObject("tenant_id", UUID.class)),
                rows.getString("topic_filter"), rows.getString("source_type"), rows.getString("codec"), created,
                rows.getString("created_by"));
    }
}
