package io.vigil.store.soc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.api.ApiError.Problem;
import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.Responsibility;
import io.vigil.soc.regulatory.Regime;
import io.vigil.soc.regulatory.RegulatoryClock;
import io.vigil.soc.regulatory.Step;
import io.vigil.soc.regulatory.StepRecord;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.store.soc.contract.ContractDocument;
import io.vigil.store.soc.contract.JdbcContracts;
import io.vigil.store.soc.regulatory.JdbcRegulatoryClocks;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class SlaStoresTest {

    static final String CONTRACT = """
            {
              "targets": {"P1": {"response": "PT10M", "resolution": "PT2H"}},
              "coverage": {"type": "business-hours", "timezone": "Europe/Berlin",
                           "hours": {"monday": ["08:00-12:00", "13:00-18:00"], "friday": ["08:00-16:00"]},
                           "holidays": ["2025-12-25"]},
              "alwaysCovered": ["P1"],
              "pausingStates": ["waiting-on-client", "contained"],
              "warnings": [0.5, 0.9],
              "contacts": [{"id": "ciso", "name": "Dana Ciso", "role": "CISO", "email": "ciso@acme.example"}],
              "escalation": [{"after": "PT30M", "priorities": ["P1", "P2"], "tier": "T2", "contact": "ciso"}],
              "scope": {"isolate-host": "mssp-with-approval", "block-ip": "mssp", "reset-password": "client"},
              "credits": {"unit": "EUR", "perResponseBreach": {"P1": 500}, "perResolutionBreach": {"P1": 250.5}, "monthlyCap": 2000}
            }
            """;

    private final FakeClock clock = FakeClock.at("2025-06-02T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private Database database;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    static Contract parse(String text, ObjectMapper json) throws Exception {
        return ((ContractDocument.Parsed.Valid) ContractDocument.parse(json.readTree(text), ZoneId.of("UTC"))).contract();
    }

    @AllDatabasesTest
    void aContractIsStoredPerTenantAndReadBackEqual() throws Exception {
        JdbcContracts contracts = new JdbcContracts(database.dataSource(), json, clock);
        Contract contract = parse(CONTRACT, json);

        assertThat(contracts.find(acme)).isEmpty();
        assertThat(contracts.effective(acme)).isEqualTo(Contract.defaults());
        assertThat(contracts.save(acme, contract, "manager").version()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        JdbcContracts.StoredContract again = contracts.save(acme, contract, "manager2");

        assertThat(again.version()).isEqualTo(2);
        assertThat(contracts.stored(acme).orElseThrow()).isEqualTo(again);
        assertThat(contracts.find(acme)).contains(contract);
        assertThat(contracts.find(globex)).isEmpty();
    }

    @AllDatabasesTest
    void regulatoryClocksStartOnceKeepDraftsAndNeverChangeASubmittedReport() {
        JdbcRegulatoryClocks clocks = new JdbcRegulatoryClocks(database.dataSource(), json, clock);
        UUID incident = UUID.randomUUID();
        Instant aware = clock.instant().minus(Duration.ofHours(2));

        RegulatoryClock started = clocks.start(acme, incident, Regime.NIS2, aware, "soc-manager").orElseThrow();
        assertThat(started.awareAt()).isEqualTo(aware);
        assertThat(clocks.start(acme, incident, Regime.NIS2, clock.instant(), "other")).isEmpty();
        clocks.start(acme, incident, Regime.GDPR, aware, "dpo");
        assertThat(clocks.list(acme, incident)).extracting(RegulatoryClock::regime).containsExactly(Regime.NIS2, Regime.GDPR);
        assertThat(clocks.list(globex, incident)).isEmpty();

        assertThat(clocks.saveDraft(acme, incident, Step.NIS2_EARLY_WARNING, Map.of("suspectedMalicious", "yes"), "a")).isTrue();
        assertThat(clocks.saveDraft(acme, incident, Step.NIS2_EARLY_WARNING,
                Map.of("suspectedMalicious", "yes", "crossBorderImpact", "no"), "b")).isTrue();
        assertThat(clocks.saveDraft(globex, incident, Step.NIS2_EARLY_WARNING, Map.of(), "x")).as("no clock there").isFalse();
        assertThat(clocks.submit(acme, incident, Step.NIS2_NOTIFICATION, clock.instant(), "a")).as("no draft").isFalse();
        assertThat(clocks.submit(acme, incident, Step.NIS2_EARLY_WARNING, clock.instant(), "ciso")).isTrue();
        assertThat(clocks.submit(acme, incident, Step.NIS2_EARLY_WARNING, clock.instant(), "ciso")).isFalse();
        assertThat(clocks.saveDraft(acme, incident, Step.NIS2_EARLY_WARNING, Map.of(), "late")).isFalse();

        StepRecord early = clocks.find(acme, incident, Regime.NIS2).orElseThrow().steps().get(Step.NIS2_EARLY_WARNING);
        assertThat(early.draft()).isEqualTo(Map.of("suspectedMalicious", "yes", "crossBorderImpact", "no"));
        assertThat(early.updatedBy()).isEqualTo("b");
        assertThat(early.submittedAt()).isEqualTo(clock.instant());
        assertThat(early.status()).isEqualTo(StepRecord.Status.SUBMITTED);

        assertThat(clocks.open()).hasSize(2);
        clocks.saveDraft(acme, incident, Step.GDPR_NOTIFICATION, Map.of("nature", "x"), "dpo");
        clocks.submit(acme, incident, Step.GDPR_NOTIFICATION, clock.instant(), "dpo");
        assertThat(clocks.open()).extracting(RegulatoryClock::regime).containsExactly(Regime.NIS2);
    }
}
