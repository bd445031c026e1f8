package io.vigil.store.soc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.incident.CaseWork;
import io.vigil.soc.incident.ConcurrentChangeException;
import io.vigil.soc.incident.EscalationPolicy;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.IncidentListener;
import io.vigil.soc.incident.IncidentQuery;
import io.vigil.soc.incident.Observable;
import io.vigil.soc.notify.Channel;
import io.vigil.soc.notify.Delivery;
import io.vigil.soc.notify.Notification;
import io.vigil.soc.notify.NotificationKind;
import io.vigil.soc.notify.Route;
import io.vigil.soc.Tier;
import io.vigil.soc.triage.Asset;
import io.vigil.soc.triage.ChangeWindow;
import io.vigil.soc.triage.Confidence;
import io.vigil.soc.triage.Criticality;
import io.vigil.soc.triage.Signal;
import io.vigil.soc.triage.Suppression;
import io.vigil.soc.triage.Triage;
import io.vigil.soc.triage.TriageResult;
import io.vigil.soc.triage.TriageSettings;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.store.secret.SecretBox;
import io.vigil.store.soc.incident.JdbcAttachments;
import io.vigil.store.soc.incident.JdbcIncidents;
import io.vigil.store.soc.notify.JdbcDeliveries;
import io.vigil.store.soc.notify.JdbcRoutes;
import io.vigil.store.soc.triage.JdbcAssets;
import io.vigil.store.soc.triage.JdbcChangeHookSecrets;
import io.vigil.store.soc.triage.JdbcChangeWindows;
import io.vigil.store.soc.triage.JdbcSuppressions;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class SocStoresTest {

    private final FakeClock clock = FakeClock.at("2026-03-02T10:00:00Z");
    private Database database;
    private TenantId acme;
    private TenantId globex;
    private JdbcIncidents incidents;
    private SocRecords records;
    private Triage triage;
    private CaseWork work;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
        incidents = new JdbcIncidents(database.dataSource());
        records = new SocRecords(database.dataSource(), clock);
        triage = new Triage(incidents, new JdbcAssets(records), new JdbcSuppressions(records),
                new JdbcChangeWindows(records), EscalationPolicy.DEFAULTS, IncidentListener.NONE, clock,
                TriageSettings.DEFAULTS);
        work = new CaseWork(incidents, new JdbcAttachments(database.dataSource()), EscalationPolicy.DEFAULTS,
                IncidentListener.NONE, clock, 1 << 20);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private Signal signal(TenantId tenant, String host) {
        return new Signal(tenant, UUID.randomUUID().toString(), "rule-1", "Suspicious PowerShell", "high",
                List.of("attack.execution", "attack.t1059.001"), Map.of("host", host, "user", "alice"),
                clock.instant().minusSeconds(30), Confidence.MEDIUM);
    }

    @AllDatabasesTest
    void incidentsRoundTripWithEverythingTheyHold() {
        new JdbcAssets(records).save(acme, new Asset(UUID.randomUUID(), acme, "dc01", List.of("dc01.acme.example"), "IT",
                Criticality.CRITICAL, true, false, "HQ"));
        Incident opened = ((TriageResult.Opened) triage.process(signal(acme, "dc01.acme.example"))).incident();
        clock.advance(Duration.ofMinutes(1));
        assertThat(((TriageResult.Grouped) triage.process(signal(acme, "dc01.acme.example"))).alert().count()).isEqualTo(2);
        work.acknowledge(acme, opened.id(), "alice");
        work.addNote(acme, opened.id(), "alice", "looks like a red-team exercise");
        work.addObservable(acme, opened.id(), "alice", new Observable("host", "dc01.acme.example"));
        work.attach(acme, opened.id(), "alice", "ps.txt", "text/plain", "IEX (New-Object Net.WebClient)".getBytes(StandardCharsets.UTF_8));
        Incident stored = incidents.find(acme, opened.id()).orElseThrow();

        assertThat(stored.priority()).isEqualTo(Priority.P1);
        assertThat(stored.tier()).isEqualTo(Tier.T2);
        assertThat(stored.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(stored.alerts().getFirst().count()).isEqualTo(2);
        assertThat(stored.techniques()).containsExactly("T1059.001");
        assertThat(stored.notes().getFirst().text()).isEqualTo("looks like a red-team exercise");
        assertThat(stored.history()).hasSize(2);
        assertThat(stored.firstEventAt()).isEqualTo(opened.firstEventAt());
        assertThat(stored.version()).isEqualTo(5);
        assertThat(new String(new JdbcAttachments(database.dataSource())
                .content(acme, opened.id(), stored.attachments().getFirst().id()).orElseThrow(), StandardCharsets.UTF_8))
                .startsWith("IEX");
        // tenant isolation
        assertThat(incidents.find(globex, opened.id())).isEmpty();
        assertThat(incidents.list(globex, new IncidentQuery(null, 100))).isEmpty();
        assertThat(new JdbcAttachments(database.dataSource()).content(globex, opened.id(), stored.attachments().getFirst().id())).isEmpty();
        assertThat(incidents.list(acme, new IncidentQuery(IncidentState.ACKNOWLEDGED, 100))).hasSize(1);
        assertThat(incidents.openAcrossTenants(100)).extracting(Incident::id).containsExactly(opened.id());
        // compare-and-set: a stale version loses
        assertThatThrownBy(() -> incidents.update(acme, opened)).isInstanceOf(ConcurrentChangeException.class);
        work.changeState(acme, opened.id(), "alice", IncidentState.CLOSED, "exercise");
        assertThat(incidents.openAcrossTenants(100)).isEmpty();
        assertThat(incidents.findOpen(acme, opened.groupKey())).isEmpty();
    }

    @AllDatabasesTest
    void recordsAreScopedAndWritesRefreshWhatTriageSees() {
        JdbcSuppressions suppressions = new JdbcSuppressions(records);
        Suppression s = suppressions.save(acme, new Suppression(UUID.randomUUID(), acme, "rule-1", Map.of(), "bob",
                "known scanner", clock.instant(), clock.instant().plus(Duration.ofDays(1))));
        assertThat(triage.process(signal(acme, "ws-1"))).isInstanceOf(TriageResult.Suppressed.class);
        assertThat(triage.process(signal(globex, "ws-1"))).isInstanceOf(TriageResult.Opened.class);
        assertThat(suppressions.find(globex, s.id())).isEmpty();
        assertThat(suppressions.delete(globex, s.id())).isFalse();
        assertThat(suppressions.delete(acme, s.id())).isTrue();
        assertThat(triage.process(signal(acme, "ws-1"))).isInstanceOf(TriageResult.Opened.class);

        JdbcChangeWindows changes = new JdbcChangeWindows(records);
        ChangeWindow w = changes.save(acme, new ChangeWindow(UUID.randomUUID(), acme, "CHG-7", List.of("ws-2"),
                clock.instant().minusSeconds(600), clock.instant().plusSeconds(600), true, false, "webhook", "itsm", clock.instant()));
        assertThat(changes.find(acme, w.id()).orElseThrow()).isEqualTo(w);
        Incident annotated = ((TriageResult.Opened) triage.process(signal(acme, "ws-2"))).incident();
        assertThat(annotated.alerts().getFirst().change()).startsWith("CHG-7");
    }

    /** The stored bodies of a tenant's records of one kind, as a database dump would show them. */
    private List<String> storedBodies(TenantId tenant, String kind) throws Exception {
        List<String> bodies = new java.util.ArrayList<>();
        try (var connection = database.dataSource().getConnection();
             var select = connection.prepareStatement("SELECT body FROM soc_record WHERE tenant_id = ? AND kind = ?")) {
            select.setObject(1, tenant.value());
            select.setString(2, kind);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    bodies.add(rows.getString(1));
                }
            }
        }
        return bodies;
    }

    @AllDatabasesTest
    void webhookSecretsAreStoredSealedAndPlainOnesFromBeforeAreSealed() throws Exception {
        SecretBox box = SecretBox.withRandomKey();
        JdbcRoutes routes = new JdbcRoutes(records, box);
        String secret = "route-secret-0123456789";
        Route route = routes.save(acme, new Route(UUID.randomUUID(), acme, "ticketing", Channel.WEBHOOK,
                "https://itsm.acme.example/hook", secret, Set.of(), Set.of(), 0));

        assertThat(storedBodies(acme, "route")).singleElement().asString().doesNotContain(secret).contains("\"v2:");
        assertThat(routes.find(acme, route.id()).orElseThrow()).isEqualTo(route);
        assertThat(routes.list(acme)).containsExactly(route);
        // Under another data key (a restored dump without the key file) the secret does not open.
        assertThatThrownBy(() -> new JdbcRoutes(records, SecretBox.withRandomKey()).list(acme))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining(secret);

        // A route an earlier version stored with its secret in plain form reads as it is, and is sealed once asked.
        Route old = new Route(UUID.randomUUID(), globex, "old", Channel.WEBHOOK, "https://old.globex.example/hook",
                "plain-secret-0123456789", Set.of(), Set.of(), 0);
        records.save(globex, "route", old.id(), old); // as an earlier version stored it
        assertThat(routes.list(globex)).singleElement().extracting(Route::secret).isEqualTo("plain-secret-0123456789");
        assertThat(routes.resealSecrets(globex)).isEqualTo(1);
        assertThat(routes.resealSecrets(globex)).isZero();
        assertThat(storedBodies(globex, "route")).singleElement().asString().doesNotContain("plain-secret");
        assertThat(routes.list(globex)).singleElement().extracting(Route::secret).isEqualTo("plain-secret-0123456789");

        JdbcChangeHookSecrets hooks = new JdbcChangeHookSecrets(records, box);
        assertThat(hooks.find(acme)).isEmpty();
        hooks.set(acme, "change-secret-0123456789");
        assertThat(hooks.find(acme)).contains("change-secret-0123456789");
        assertThat(hooks.find(globex)).isEmpty();
        assertThat(storedBodies(acme, "change-hook")).singleElement().asString().doesNotContain("change-secret");
        assertThatThrownBy(() -> hooks.set(acme, "short")).hasMessageContaining("16-500");
        records.save(globex, "change-hook", globex.value(), Map.of("secret", "plain-change-secret-0123"));
        assertThat(hooks.find(globex)).contains("plain-change-secret-0123");
        assertThat(hooks.reseal(globex)).isTrue();
        assertThat(hooks.reseal(globex)).isFalse();
        assertThat(storedBodies(globex, "change-hook")).singleElement().asString().doesNotContain("plain-change");
        assertThat(hooks.find(globex)).contains("plain-change-secret-0123");
        // A sealed secret copied to another tenant's record does not open there.
        records.save(globex, "change-hook", globex.value(), Map.of("secret",
                storedBodies(acme, "change-hook").getFirst().replaceAll(".*\"(v2:[^\"]+)\".*", "$1")));
        assertThatThrownBy(() -> hooks.find(globex)).isInstanceOf(IllegalStateException.class);
    }

    @AllDatabasesTest
    void routesPolicyAndTheOutbox() {
        JdbcRoutes routes = new JdbcRoutes(records, SecretBox.withRandomKey());
        Route route = routes.save(acme, new Route(UUID.randomUUID(), acme, "ticketing", Channel.WEBHOOK,
                "https://itsm.acme.example/hook", "0123456789abcdef0123", Set.of(Priority.P1, Priority.P2),
                Set.of(NotificationKind.OPENED), 0));
        assertThat(routes.find(acme, route.id()).orElseThrow()).isEqualTo(route);
        assertThat(routes.list(globex)).isEmpty();
        assertThat(routes.allowedPrivateRanges(acme)).isEmpty();
        routes.setAllowedPrivateRanges(acme, List.of("127.0.0.1/32"));
        assertThat(routes.allowedPrivateRanges(acme)).containsExactly("127.0.0.1/32");
        assertThat(routes.allowedPrivateRanges(globex)).isEmpty();
        assertThatThrownBy(() -> routes.setAllowedPrivateRanges(acme, List.of("intranet"))).hasMessageContaining("CIDR");

        JdbcDeliveries deliveries = new JdbcDeliveries(database.dataSource());
        Notification n = new Notification(acme, UUID.randomUUID(), NotificationKind.OPENED, Priority.P1, Tier.T2, 0,
                "subject", "text", clock.instant());
        Delivery d = deliveries.save(acme, new Delivery(UUID.randomUUID(), acme, route.id(), route.name(), n, 0,
                clock.instant().plusSeconds(30), null, Delivery.State.PENDING, clock.instant()));
        assertThat(deliveries.due(clock.instant(), 10)).isEmpty();
        assertThat(deliveries.due(clock.instant().plusSeconds(30), 10)).containsExactly(d);
        Delivery dead = new Delivery(d.id(), acme, route.id(), route.name(), n, 3, clock.instant(), "503", Delivery.State.DEAD,
                clock.instant());
        deliveries.save(acme, dead);
        assertThat(deliveries.due(clock.instant().plusSeconds(60), 10)).isEmpty();
        assertThat(deliveries.list(acme, Delivery.State.DEAD, 10)).containsExactly(dead);
        assertThat(deliveries.list(globex, Delivery.State.DEAD, 10)).isEmpty();
        assertThat(deliveries.find(globex, d.id())).isEmpty();
        Delivery toContact = deliveries.save(acme, new Delivery(UUID.randomUUID(), acme, Delivery.CONTACT_ROUTE,
                "contact ciso", n, 0, clock.instant(), null, Delivery.State.PENDING, clock.instant(), "ciso@acme.example"));
        assertThat(deliveries.find(acme, toContact.id())).hasValue(toContact);
    }
}
