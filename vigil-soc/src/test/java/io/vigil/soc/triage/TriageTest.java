package io.vigil.soc.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.InMemorySoc;
import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import io.vigil.soc.incident.Alert;
import io.vigil.soc.incident.Disposition;
import io.vigil.soc.incident.EscalationPolicy;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.IncidentListener;
import io.vigil.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TriageTest {

    static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final TenantId OTHER = new TenantId(UUID.fromString("00000000-0000-4000-8000-000000000002"));

    final FakeClock clock = FakeClock.at("2026-03-02T10:00:00Z");
    final InMemorySoc soc = new InMemorySoc();
    final List<Incident> opened = new ArrayList<>();
    final Triage triage = new Triage(soc.incidents, soc.assets, soc.suppressions, soc.changes, EscalationPolicy.DEFAULTS,
            new IncidentListener() {
                @Override
                public void opened(Incident incident) {
                    opened.add(incident);
                }
            }, clock, new TriageSettings(Duration.ofMinutes(30), 4, 2, Duration.ofHours(24)));

    Signal signal(String rule, String level, String host, String status) {
        return new Signal(TENANT, UUID.randomUUID().toString(), rule, "Rule " + rule, level, List.of("attack.t1059.001"),
                Map.of("host", host, "user", "alice"), clock.instant().minusSeconds(5),
                Confidence.ofRuleStatus(status, false));
    }

    Asset asset(String name, Criticality criticality, boolean jewel, boolean weakness, String... identifiers) {
        return soc.assets.save(TENANT, new Asset(UUID.randomUUID(), TENANT, name, List.of(identifiers), "IT",
                criticality, jewel, weakness, "HQ"));
    }

    @Test
    void repeatsWithinTheWindowRaiseTheCountAndLaterOnesOpenNewWork() {
        TriageResult first = triage.process(signal("r1", "high", "ws-1", "test"));
        assertThat(first).isInstanceOf(TriageResult.Opened.class);
        clock.advance(Duration.ofMinutes(20));
        TriageResult.Grouped repeat = (TriageResult.Grouped) triage.process(signal("r1", "high", "WS-1", "test"));
        assertThat(repeat.alert().count()).isEqualTo(2);
        assertThat(repeat.incident().id()).isEqualTo(((TriageResult.Opened) first).incident().id());
        assertThat(repeat.incident().alerts()).hasSize(1);
        assertThat(repeat.incident().timeline()).extracting(e -> e.action()).contains("created", "repeat");
        // another host is another entity: new incident
        assertThat(triage.process(signal("r1", "high", "ws-2", "test"))).isInstanceOf(TriageResult.Opened.class);
        // beyond the grouping window: new incident
        clock.advance(Duration.ofMinutes(31));
        assertThat(triage.process(signal("r1", "high", "ws-1", "test"))).isInstanceOf(TriageResult.Opened.class);
        assertThat(soc.incidents.all(TENANT)).hasSize(3);
        assertThat(soc.incidents.all(OTHER)).isEmpty();
    }

    @Test
    void aReplayedEventChangesNothing() {
        Signal s = signal("r1", "high", "ws-1", "test");
        triage.process(s);
        assertThat(triage.process(s)).isInstanceOf(TriageResult.Duplicate.class);
        assertThat(soc.incidents.all(TENANT).getFirst().detectionCount()).isEqualTo(1);
    }

    @Test
    void priorityComesFromLevelAssetCriticalityAndConfidenceWithTheReason() {
        asset("dc01", Criticality.CRITICAL, true, false, "dc01.corp.example", "10.0.0.5");
        asset("kiosk", Criticality.LOW, false, false, "kiosk-7");
        Incident onDc = ((TriageResult.Opened) triage.process(signal("r1", "high", "DC01.corp.example", "stable"))).incident();
        // 3 (high) + 3 (critical) + 1 (crown jewel) + 1 (stable) = 8
        assertThat(onDc.priority()).isEqualTo(Priority.P1);
        assertThat(onDc.priorityReason()).contains("level high (3)", "asset dc01 criticality critical (3)",
                "crown jewel (1)", "confidence high (+1)", "= 8 → P1");
        assertThat(onDc.tier()).isEqualTo(Tier.T2);
        assertThat(onDc.techniques()).containsExactly("T1059.001");
        Incident onKiosk = ((TriageResult.Opened) triage.process(signal("r2", "medium", "kiosk-7", "experimental"))).incident();
        // 2 + 0 + (-1) = 1
        assertThat(onKiosk.priority()).isEqualTo(Priority.P4);
        Incident unknown = ((TriageResult.Opened) triage.process(signal("r3", "high", "laptop-9", "test"))).incident();
        // 3 + 1 (unknown asset) + 0 = 4
        assertThat(unknown.priority()).isEqualTo(Priority.P2);
        assertThat(unknown.priorityReason()).contains("unknown asset (1)", "= 4 → P2");
        assertThat(PriorityPolicy.assess("medium", null, Confidence.MEDIUM).priority()).isEqualTo(Priority.P3);
    }

    @Test
    void suppressionsStopMatchesUntilTheyExpire() {
        soc.suppressions.save(TENANT, new Suppression(UUID.randomUUID(), TENANT, "r1", Map.of("host", "WS-1"),
                "analyst", "backup agent", clock.instant(), clock.instant().plus(Duration.ofHours(2))));
        assertThat(triage.process(signal("r1", "high", "ws-1", "test"))).isInstanceOf(TriageResult.Suppressed.class);
        assertThat(triage.process(signal("r1", "high", "ws-2", "test"))).isInstanceOf(TriageResult.Opened.class);
        clock.advance(Duration.ofHours(2));
        assertThat(triage.process(signal("r1", "high", "ws-1", "test"))).isInstanceOf(TriageResult.Opened.class);
        assertThatThrownBy(() -> new Suppression(UUID.randomUUID(), TENANT, null, Map.of(), "a", "why",
                clock.instant(), clock.instant())).hasMessageContaining("needs a scope");
        assertThatThrownBy(() -> new Suppression(UUID.randomUUID(), TENANT, "r1", Map.of(), "a", "why",
                clock.instant(), null)).hasMessageContaining("expiry");
    }

    @Test
    void alertsInsideAnApprovedChangeWindowAreAnnotatedAndOptionallyDowngradedNeverDropped() {
        asset("web01", Criticality.HIGH, false, false, "web01", "192.0.2.10");
        Instant start = clock.instant().minus(Duration.ofMinutes(30));
        soc.changes.save(TENANT, new ChangeWindow(UUID.randomUUID(), TENANT, "CHG-1001", List.of("web01"), start,
                start.plus(Duration.ofHours(1)), true, true, "api", "ops", clock.instant()));
        Incident inside = ((TriageResult.Opened) triage.process(signal("r1", "high", "web01", "test"))).incident();
        // 3 + 2 + 0 = 5 → P2, downgraded to P3
        assertThat(inside.priority()).isEqualTo(Priority.P3);
        assertThat(inside.alerts().getFirst().change()).startsWith("CHG-1001");
        assertThat(inside.priorityReason()).contains("downgraded to P3 inside change window CHG-1001");
        clock.advance(Duration.ofHours(1));
        Incident after = ((TriageResult.Opened) triage.process(signal("r2", "high", "web01", "test"))).incident();
        assertThat(after.priority()).isEqualTo(Priority.P2);
        assertThat(after.alerts().getFirst().change()).isNull();
        // an unapproved window changes nothing
        soc.changes.save(TENANT, new ChangeWindow(UUID.randomUUID(), TENANT, "CHG-1002", List.of("192.0.2.10"),
                clock.instant().minusSeconds(60), clock.instant().plusSeconds(600), false, true, "api", "ops", clock.instant()));
        assertThat(((TriageResult.Opened) triage.process(signal("r3", "high", "web01", "test"))).incident().priority())
                .isEqualTo(Priority.P2);
    }

    @Test
    void repeatedLowPriorityAlertsOnOneAssetRollUpIntoOneIncident() {
        Asset fw = asset("fw-edge", Criticality.LOW, false, false, "fw-edge");
        for (int i = 0; i < 3; i++) {
            assertThat(triage.process(signal("blocked-" + i, "low", "fw-edge", "test"))).isInstanceOf(TriageResult.Opened.class);
            clock.advance(Duration.ofHours(1));
        }
        TriageResult.RolledUp rolled = (TriageResult.RolledUp) triage.process(signal("blocked-3", "low", "fw-edge", "test"));
        assertThat(rolled.absorbed()).isEqualTo(4);
        Incident rollup = rolled.rollup();
        assertThat(rollup.origin()).isEqualTo("rollup");
        assertThat(rollup.alerts()).hasSize(4);
        assertThat(rollup.priority()).isEqualTo(Priority.P3);
        assertThat(rollup.priorityReason()).contains("4 low-priority detections on fw-edge");
        assertThat(soc.incidents.all(TENANT)).filteredOn(i -> i.rolledUpInto() != null).hasSize(4)
                .allSatisfy(i -> assertThat(i.state()).isEqualTo(IncidentState.CLOSED));
        // later low alerts on the asset join the roll-up
        TriageResult.Grouped joined = (TriageResult.Grouped) triage.process(signal("blocked-9", "low", "fw-edge", "test"));
        assertThat(joined.incident().id()).isEqualTo(rollup.id());
        assertThat(opened).extracting(Incident::id).contains(rollup.id());
        assertThat(fw.id()).isEqualTo(rollup.assetId());
    }

    @Test
    void lowAlertsOnACrownJewelOrWeakAssetRollUpSooner() {
        asset("vpn", Criticality.LOW, false, true, "vpn-gw");
        triage.process(signal("probe-1", "informational", "vpn-gw", "test"));
        TriageResult result = triage.process(signal("probe-2", "informational", "vpn-gw", "test"));
        assertThat(result).isInstanceOf(TriageResult.RolledUp.class);
        assertThat(((TriageResult.RolledUp) result).rollup().priority()).isEqualTo(Priority.P2);
    }

    @Test
    void aSilentSourceBecomesAnIncident() {
        TriageResult result = triage.sourceSilent(new SilentSource(TENANT, "fw-syslog", clock.instant().minus(Duration.ofHours(3)),
                Duration.ofMinutes(15)));
        Incident incident = ((TriageResult.Opened) result).incident();
        assertThat(incident.title()).contains("fw-syslog").contains("silent");
        assertThat(incident.alerts().getFirst().ruleId()).isEqualTo(Triage.SOURCE_SILENT_RULE);
        assertThat(incident.timeline()).anySatisfy(e -> assertThat(e.detail()).contains("expected every PT15M"));
    }

    @Test
    void dispositionsAreSummarisedPerRuleAsTuningSuggestions() {
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Incident inc = ((TriageResult.Opened) triage.process(signal("noisy", "high", "ws-" + i, "test"))).incident();
            Alert a = inc.alerts().getFirst();
            incidents.add(inc.edit().replaceAlert(new Alert(a.id(), a.ruleId(), a.title(), a.level(), a.entities(),
                    a.count(), a.firstSeen(), a.lastSeen(), a.eventIds(), a.techniques(), a.priority(),
                    a.priorityReason(), a.change(), i < 3 ? Disposition.FALSE_POSITIVE : Disposition.TRUE_POSITIVE,
                    i < 3 ? "admin script" : null)).build());
        }
        TuningSuggestions.RuleSummary summary = TuningSuggestions.of(incidents).getFirst();
        assertThat(summary.ruleId()).isEqualTo("noisy");
        assertThat(summary.falsePositive()).isEqualTo(3);
        assertThat(summary.truePositive()).isEqualTo(1);
        assertThat(summary.falsePositiveReasons()).containsExactly("admin script");
        assertThat(summary.suggestion()).contains("mostly false positives (3 of 4)");
    }

    @Test
    void assetCsvImportReadsEveryColumnAndNamesBadLines() {
        List<Asset> assets = AssetCsv.parse(TENANT, """
                name,identifiers,owner,criticality,crown_jewel,critical_weakness,site
                dc01,"dc01.corp;10.0.0.5",IT,critical,true,false,HQ
                printer,10.0.9.9,,low,,,
                """);
        assertThat(assets).hasSize(2);
        assertThat(assets.getFirst().identifiers()).containsExactly("dc01.corp", "10.0.0.5");
        assertThat(assets.getFirst().crownJewel()).isTrue();
        assertThatThrownBy(() -> AssetCsv.parse(TENANT, "name,criticality\nx,urgent\n,low\n"))
                .hasMessageContaining("line 2: criticality must be one of").hasMessageContaining("line 3: asset is invalid");
    }
}
