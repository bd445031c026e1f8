package io.vigil.server.soc.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.ServerTestSupport;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.StateChange;
import io.vigil.soc.sla.SlaSubject;
import io.vigil.soc.sla.SlaSubjects;
import io.vigil.testkit.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * Contracts, clocks, compliance and regulatory clocks through the REST API of the running application, with a fake
 * clock and incidents handed in through the {@link SlaSubjects} seam as the incidents feature does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SlaApiIT.Incidents.class)
class SlaApiIT extends ServerTestSupport {

    static final FakeClock CLOCK = FakeClock.at("2025-06-02T08:00:00Z"); // a Monday, 10:00 in Berlin

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.sla.scheduler-enabled", () -> "false"); // rounds are run by the test
    }

    /** Incidents as the incidents feature would hand them over, and a listener collecting alarms. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Incidents {
        static final List<SlaSubject> SUBJECTS = new CopyOnWriteArrayList<>();
        static final List<ClockAlarm> HEARD = new CopyOnWriteArrayList<>();

        @Bean
        @Primary // stands in front of the incidents store's subjects so the test controls history and time
        SlaSubjects testSlaSubjects() {
            return new SlaSubjects() {
                @Override
                public List<SlaSubject> active() {
                    return SUBJECTS.stream().filter(s -> !s.state().isFinished()).toList();
                }

                @Override
                public Optional<SlaSubject> find(TenantId tenant, UUID incidentId) {
                    return SUBJECTS.stream().filter(s -> s.tenant().equals(tenant) && s.incidentId().equals(incidentId)).findFirst();
                }

                @Override
                public List<SlaSubject> createdBetween(TenantId tenant, Instant from, Instant to) {
                    return SUBJECTS.stream().filter(s -> s.tenant().equals(tenant) && !s.createdAt().isBefore(from)
                            && s.createdAt().isBefore(to)).toList();
                }
            };
        }

        @Bean
        ClockAlarm.Listener collectingListener() {
            return HEARD::add;
        }
    }

    @Autowired
    SlaSchedulerRunner scheduler;

    private TenantId tenant(String slug) {
        Answer created = api("POST", "/api/v1/platform/tenants", Map.of("slug", slug, "displayName", slug, "timezone", "Europe/Berlin"));
        assertThat(created.status()).isEqualTo(201);
        return TenantId.of(created.body().get("id").asText());
    }

    private UUID incident(TenantId tenant, Priority priority, Instant createdAt, Instant firstEvent, StateChange... later) {
        List<StateChange> history = new ArrayList<>(List.of(new StateChange(createdAt, null, IncidentState.NEW)));
        history.addAll(List.of(later));
        SlaSubject subject = new SlaSubject(tenant, UUID.randomUUID(), priority, firstEvent, createdAt, history);
        Incidents.SUBJECTS.add(subject);
        return subject.incidentId();
    }

    @Test
    void contractsAreReadWithDefaultsReplacedWhenValidAndRefusedWithEveryProblem() {
        tenant("sla-contract");
        Answer defaults = api("GET", "/api/v1/tenants/sla-contract/contract", null);
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.body().get("stored").asBoolean()).isFalse();
        assertThat(defaults.body().at("/contract/targets/P1/response").asText()).isEqualTo("PT15M");
        assertThat(defaults.body().at("/contract/pausingStates/0").asText()).isEqualTo("waiting-on-client");

        Answer invalid = api("PUT", "/api/v1/tenants/sla-contract/contract", Map.of(
                "targets", Map.of("P1", Map.of("response", "PT0S", "resolution", "PT4H")),
                "coverage", Map.of("type", "office")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().findValuesAsText("location")).containsExactly("targets.P1", "coverage.type");

        Answer saved = api("PUT", "/api/v1/tenants/sla-contract/contract", Map.of(
                "coverage", Map.of("type", "business-hours", "hours", Map.of("monday", List.of("08:00-18:00"))),
                "warnings", List.of(0.5)));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("version").asInt()).isEqualTo(1);
        assertThat(saved.body().at("/contract/coverage/timezone").asText()).as("the tenant's zone").isEqualTo("Europe/Berlin");
        assertThat(api("GET", "/api/v1/tenants/sla-contract/contract", null).body().get("stored").asBoolean()).isTrue();

        Answer huge = api("PUT", "/api/v1/tenants/sla-contract/contract", Map.of("scope", Map.of("x", "y".repeat(300_000))));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().get("message").asText()).isEqualTo("the request body is larger than 256 KiB");
        assertThat(api("PUT", "/api/v1/tenants/sla-contract/contract", "not json").body().get("message").asText())
                .isEqualTo("invalid contract: 1 problem(s)");
        assertThat(api("GET", "/api/v1/tenants/sla-contract/contract", null).body().get("version").asInt())
                .as("nothing stored by refused requests").isEqualTo(1);
    }

    @Test
    void clocksRunAlarmsArriveOnceAndComplianceCountsTheBreach() {
        TenantId acme = tenant("sla-acme");
        TenantId other = tenant("sla-other");
        Instant created = CLOCK.instant();
        UUID p1 = incident(acme, Priority.P1, created, created.minusSeconds(30));
        UUID foreign = incident(other, Priority.P1, created, null);
        String base = "/api/v1/tenants/sla-acme/incidents/" + p1;

        JsonNode clocks = api("GET", base + "/clocks", null).body();
        assertThat(clocks.at("/sla/0/clock").asText()).isEqualTo("response");
        assertThat(clocks.at("/sla/0/state").asText()).isEqualTo("running");
        assertThat(clocks.at("/sla/0/dueAt").asText()).isEqualTo("2025-06-02T08:15:00Z");
        assertThat(clocks.get("nextDue").asText()).isEqualTo("2025-06-02T08:15:00Z");
        assertThat(api("GET", "/api/v1/tenants/sla-acme/incidents/" + foreign + "/clocks", null).status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/tenants/sla-acme/incidents/" + UUID.randomUUID() + "/clocks", null).status()).isEqualTo(404);

        CLOCK.advance(Duration.ofMinutes(16));
        scheduler.runOnce();
        scheduler.runOnce();

        assertThat(Incidents.HEARD).filteredOn(a -> a.incidentId().equals(p1))
                .extracting(a -> a.clock() + " " + a.stage()).containsExactly("response WARNING", "response BREACH");
        JsonNode after = api("GET", base + "/clocks", null).body();
        assertThat(after.at("/sla/0/state").asText()).isEqualTo("breached");
        assertThat(after.at("/sla/0/cause").asText()).isEqualTo("not acknowledged within the P1 response target of 15m counted around the clock");
        assertThat(after.get("alarms")).hasSize(2);
        assertThat(after.at("/alarms/1/deliveredAt").isNull()).isFalse();

        JsonNode compliance = api("GET", "/api/v1/tenants/sla-acme/sla/compliance?month=2025-06", null).body();
        assertThat(compliance.at("/compliance/priorities/0/incidents").asInt()).isEqualTo(1);
        assertThat(compliance.at("/compliance/priorities/0/response/breached").asInt()).isEqualTo(1);
        assertThat(compliance.at("/compliance/means/mttd").asText()).isEqualTo("PT30S");
        assertThat(compliance.at("/compliance/breaches/0/incidentId").asText()).isEqualTo(p1.toString());
        assertThat(api("GET", "/api/v1/tenants/sla-acme/sla/compliance?month=June", null).status()).isEqualTo(400);
    }

    @Test
    void nis2ClockStartsFromAwarenessAndEachReportIsDraftedCheckedAndSubmittedOnce() {
        TenantId acme = tenant("sla-nis2");
        UUID incident = incident(acme, Priority.P2, CLOCK.instant(), null);
        String base = "/api/v1/tenants/sla-nis2/incidents/" + incident + "/regulatory";
        Instant aware = CLOCK.instant().minus(Duration.ofHours(3));

        Answer started = api("POST", base + "/nis2", Map.of("awareAt", aware.toString()));
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.body().at("/steps/0/step").asText()).isEqualTo("early-warning");
        assertThat(started.body().at("/steps/0/dueAt").asText()).isEqualTo(aware.plus(Duration.ofHours(24)).toString());
        assertThat(started.body().at("/steps/1/dueAt").asText()).isEqualTo(aware.plus(Duration.ofHours(72)).toString());
        assertThat(started.body().at("/steps/0/fields/0/name").asText()).isEqualTo("suspectedMalicious");
        assertThat(api("POST", base + "/nis2", Map.of()).status()).isEqualTo(409);
        assertThat(api("POST", base + "/gdpr", Map.of("awareAt", "2999-01-01T00:00:00Z")).status()).isEqualTo(400);
        assertThat(api("POST", base + "/dora", Map.of()).status()).isEqualTo(400);

        Answer bad = api("PUT", base + "/nis2/steps/early-warning", Map.of("draft", Map.of("suspectedMalicious", "maybe", "colour", "red")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().findValuesAsText("location")).containsExactlyInAnyOrder("draft.suspectedMalicious", "draft.colour");
        assertThat(api("PUT", base + "/nis2/steps/early-warning", Map.of("draft", Map.of("suspectedMalicious", "yes"))).status())
                .isEqualTo(200);
        Answer incomplete = api("POST", base + "/nis2/steps/early-warning/submit", null);
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.body().findValuesAsText("location")).containsExactly("draft.crossBorderImpact");

        api("PUT", base + "/nis2/steps/early-warning", Map.of("draft", Map.of("suspectedMalicious", "yes", "crossBorderImpact", "unknown")));
        Answer submitted = api("POST", base + "/nis2/steps/early-warning/submit", null);
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.body().get("state").asText()).isEqualTo("submitted");
        assertThat(submitted.body().get("submittedAt").asText()).isEqualTo(CLOCK.instant().toString());
        assertThat(api("POST", base + "/nis2/steps/early-warning/submit", null).status()).isEqualTo(409);
        assertThat(api("PUT", base + "/nis2/steps/early-warning", Map.of("draft", Map.of())).status()).isEqualTo(409);

        JsonNode clocks = api("GET", "/api/v1/tenants/sla-nis2/incidents/" + incident + "/clocks", null).body();
        assertThat(clocks.at("/regulatory/0/regime").asText()).isEqualTo("nis2");
        assertThat(clocks.get("sla")).hasSize(2);
        assertThat(api("GET", base, null).body()).hasSize(1);
        assertThat(api("GET", "/api/v1/tenants/sla-acme-none/incidents/" + incident + "/regulatory", null).status()).isEqualTo(404);
    }

    @Test
    void theCliShowsAndSetsContractsAndPrintsComplianceAndClocks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        TenantId tenant = tenant("sla-cli");
        UUID incident = incident(tenant, Priority.P2, CLOCK.instant(), null);
        java.nio.file.Path file = dir.resolve("contract.json");
        java.nio.file.Files.writeString(file, "{\"targets\": {\"P2\": {\"response\": \"PT30M\", \"resolution\": \"PT8H\"}}}");

        assertThat(cli("contract", "set", "--tenant", "sla-cli", file.toString()))
                .isEqualTo("contract of sla-cli saved, version 1");
        assertThat(cli("contract", "show", "--tenant", "sla-cli")).contains("\"response\" : \"PT30M\"");
        assertThat(cli("sla", "compliance", "--tenant", "sla-cli", "--month", "2025-06")).contains("P2").contains("credits owed 0");
        assertThat(cli("sla", "clocks", "--tenant", "sla-cli", incident.toString())).contains("response").contains("running")
                .contains(CLOCK.instant().plus(Duration.ofMinutes(30)).toString()); // the clock is shared by the tests
        java.nio.file.Files.writeString(file, "{\"warnings\": [2]}");
        assertThat(cli("contract", "set", "--tenant", "sla-cli", file.toString())).contains("warnings[0]");
    }

    private String cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = io.vigil.server.cli.VigilCli.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
        cli.execute(all.toArray(String[]::new));
        return out.toString().strip();
    }
}
