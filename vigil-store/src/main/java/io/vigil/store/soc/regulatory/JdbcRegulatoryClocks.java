package io.vigil.store.soc.regulatory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.tenant.TenantId;
import io.vigil.soc.regulatory.Regime;
import io.vigil.soc.regulatory.RegulatoryClock;
import io.vigil.soc.regulatory.RegulatoryClocks;
import io.vigil.soc.regulatory.Step;
import io.vigil.soc.regulatory.StepRecord;
import io.vigil.store.CrossTenant;
import io.vigil.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Regulatory clocks and their reports in {@code regulatory_clock} and {@code regulatory_step} (migration V17).
 * A clock is started once per incident and regime; a submitted report is never changed.
 */
public final class JdbcRegulatoryClocks implements RegulatoryClocks {

    private static final TypeReference<Map<String, String>> DRAFT = new TypeReference<>() {
    };
    private static final int MAX_OPEN = 10_000;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    public JdbcRegulatoryClocks(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<RegulatoryClock> start(TenantId tenant, UUID incidentId, Regime regime, Instant awareAt, String startedBy) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.inTransaction(dataSource, "starting the " + regime.code() + " clock of incident " + incidentId, connection -> {
            if (!clocks(connection, tenant, incidentId, regime).isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO regulatory_clock "
                    + "(tenant_id, incident_id, regime, aware_at, started_at, started_by) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setObject(2, incidentId);
                insert.setString(3, regime.code());
                insert.setObject(4, Jdbc.timestamp(awareAt));
                insert.setObject(5, Jdbc.timestamp(Jdbc.now(clock)));
                insert.setString(6, Jdbc.text(startedBy));
                insert.executeUpdate();
            }
            return Optional.of(clocks(connection, tenant, incidentId, regime).getFirst());
        });
    }

    @Override
    public List<RegulatoryClock> list(TenantId tenant, UUID incidentId) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.withConnection(dataSource, "reading the regulatory clocks of incident " + incidentId,
                connection -> clocks(connection, tenant, incidentId, null));
    }

    @Override
    public Optional<RegulatoryClock> find(TenantId tenant, UUID incidentId, Regime regime) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.withConnection(dataSource, "reading the " + regime.code() + " clock of incident " + incidentId,
                connection -> clocks(connection, tenant, incidentId, regime).stream().findFirst());
    }

    @Override
    public boolean saveDraft(TenantId tenant, UUID incidentId, Step step, Map<String, String> draft, String by) {
        Objects.requireNonNull(tenant, "tenant");
        String document;
        try {
            document = json.writeValueAsString(new java.util.TreeMap<>(draft));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a draft as JSON", e);
        }
        return Jdbc.inTransaction(dataSource, "saving the " + step.clock() + " draft of incident " + incidentId, connection -> {
            Instant now = Jdbc.now(clock);
            try (PreparedStatement update = connection.prepareStatement("UPDATE regulatory_step SET draft = ?, updated_at = ?, "
                    + "updated_by = ? WHERE tenant_id = ? AND incident_id = ? AND regime = ? AND step = ? AND submitted_at IS NULL")) {
                update.setString(1, document);
                update.setObject(2, Jdbc.timestamp(now));
                update.setString(3, Jdbc.text(by));
                setKey(update, 4, tenant, incidentId, step);
                if (update.executeUpdate() > 0) {
                    return true;
                }
            }
            if (clocks(connection, tenant, incidentId, step.regime()).isEmpty() || exists(connection, tenant, incidentId, step)) {
                return false; // no clock, or the step is submitted
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO regulatory_step (draft, updated_at, "
                    + "updated_by, tenant_id, incident_id, regime, step) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, document);
                insert.setObject(2, Jdbc.timestamp(now));
                insert.setString(3, Jdbc.text(by));
                setKey(insert, 4, tenant, incidentId, step);
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public boolean submit(TenantId tenant, UUID incidentId, Step step, Instant at, String by) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.inTransaction(dataSource, "submitting the " + step.clock() + " of incident " + incidentId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE regulatory_step SET submitted_at = ?, "
                    + "submitted_by = ? WHERE tenant_id = ? AND incident_id = ? AND regime = ? AND step = ? AND submitted_at IS NULL")) {
                update.setObject(1, Jdbc.timestamp(at));
                update.setString(2, Jdbc.text(by));
                setKey(update, 3, tenant, incidentId, step);
                if (update.executeUpdate() == 0) {
                    return false;
                }
            }
            if (step == Step.finalStep(step.regime())) {
                try (PreparedStatement close = connection.prepareStatement("UPDATE regulatory_clock SET closed_at = ? "
                        + "WHERE tenant_id = ? AND incident_id = ? AND regime = ?")) {
                    close.setObject(1, Jdbc.timestamp(at));
                    close.setObject(2, tenant.value());
                    close.setObject(3, incidentId);
                    close.setString(4, step.regime().code());
                    close.executeUpdate();
                }
            }
            return true;
        });
    }

    @Override
    @CrossTenant("the scheduler's round over every tenant; each clock keeps its tenant")
    public List<RegulatoryClock> open() {
        return Jdbc.withConnection(dataSource, "listing open regulatory clocks", connection -> {
            List<RegulatoryClock> open = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT tenant_id, incident_id, regime FROM "
                    + "regulatory_clock WHERE closed_at IS NULL ORDER BY started_at")) {
                select.setMaxRows(MAX_OPEN);
                try (ResultSet row = select.executeQuery()) {
                    List<Object[]> keys = new ArrayList<>();
                    while (row.next()) {
                        keys.add(new Object[] {new TenantId(row.getObject(1, UUID.class)), row.getObject(2, UUID.class),
                                Regime.ofCode(row.getString(3))});
                    }
                    for (Object[] key : keys) {
                        open.addAll(clocks(connection, (TenantId) key[0], (UUID) key[1], (Regime) key[2]));
                    }
                }
            }
            return open;
        });
    }

    private static void setKey(PreparedStatement statement, int first, TenantId tenant, UUID incidentId, Step step)
            throws SQLException {
        statement.setObject(first, tenant.value());
        statement.setObject(first + 1, incidentId);
        statement.setString(first + 2, step.regime().code());
        statement.setString(first + 3, step.code());
    }

    private static boolean exists(Connection connection, TenantId tenant, UUID incidentId, Step step) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM regulatory_step "
                + "WHERE tenant_id = ? AND incident_id = ? AND regime = ? AND step = ?")) {
            setKey(select, 1, tenant, incidentId, step);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The incident's clocks (of one regime, or all when null), NIS-2 first, with their steps. */
    private List<RegulatoryClock> clocks(Connection connection, TenantId tenant, UUID incidentId, Regime regime)
            throws SQLException {
        List<RegulatoryClock> clocks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT regime, aware_at, started_at, started_by "
                + "FROM regulatory_clock WHERE tenant_id = ? AND incident_id = ?" + (regime == null ? "" : " AND regime = ?"))) {
            select.setObject(1, tenant.value());
            select.setObject(2, incidentId);
            if (regime != null) {
                select.setString(3, regime.code());
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Regime r = Regime.ofCode(row.getString("regime"));
                    clocks.add(new RegulatoryClock(tenant, incidentId, r, Jdbc.instant(row, "aware_at"),
                            Jdbc.instant(row, "started_at"), row.getString("started_by"), Map.of()));
                }
            }
        }
        List<RegulatoryClock> withSteps = new ArrayList<>();
        for (RegulatoryClock c : clocks) {
            withSteps.add(new RegulatoryClock(c.tenant(), c.incidentId(), c.regime(), c.awareAt(), c.startedAt(),
                    c.startedBy(), steps(connection, c)));
        }
        withSteps.sort(java.util.Comparator.comparing(RegulatoryClock::regime));
        return withSteps;
    }

    private Map<Step, StepRecord> steps(Connection connection, RegulatoryClock c) throws SQLException {
        Map<Step, StepRecord> steps = new EnumMap<>(Step.class);
        try (PreparedStatement select = connection.prepareStatement("SELECT step, draft, updated_at, updated_by, submitted_at, "
                + "submitted_by FROM regulatory_step WHERE tenant_id = ? AND incident_id = ? AND regime = ?")) {
            select.setObject(1, c.tenant().value());
            select.setObject(2, c.incidentId());
            select.setString(3, c.regime().code());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Step step = Step.of(c.regime(), row.getString("step"));
                    Map<String, String> draft;
                    try {
                        draft = json.readValue(row.getString("draft"), DRAFT);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("the stored " + step.clock() + " draft of incident " + c.incidentId()
                                + " is not JSON", e);
                    }
                    steps.put(step, new StepRecord(step, draft, Jdbc.instant(row, "updated_at"), row.getString("updated_by"),
                            Jdbc.instant(row, "submitted_at"), row.getString("submitted_by")));
                }
            }
        }
        return steps;
    }
}
