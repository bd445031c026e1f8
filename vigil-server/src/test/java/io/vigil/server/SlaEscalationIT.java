package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.vigil.soc.incident.ContractEscalation;
import io.vigil.soc.notify.WebhookSender;
import io.vigil.testkit.FakeClock;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * Telemetry → Sigma detection → incident, under a contract set through the REST API, with the real background
 * workers only: the SLA scheduler (every second) raises the warning and the breach from the incident's own clock, the
 * incidents worker does the contract's escalation step and sends the notifications. The application clock is a fake
 * one that the test moves forward; e-mail arrives at a real SMTP server (GreenMail), webhooks, signed, at a receiver
 * on loopback that the tenant allows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlaEscalationIT extends ServerTestSupport {

    static final FakeClock CLOCK = new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final String SECRET = "it-webhook-secret-0123456789";
    static final NotificationSinks SINKS = new NotificationSinks();
    static final GreenMail SMTP = SINKS.smtp;
    static final List<Map<String, String>> HOOKS = SINKS.hooks;

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.notifications.smtp-host", () -> "127.0.0.1");
        registry.add("vigil.notifications.smtp-port", () -> Integer.toString(SINKS.smtpPort()));
        registry.add("vigil.notifications.smtp-from", () -> "soc@mssp.example");
        registry.add("vigil.notifications.max-attempts", () -> "3");
        registry.add("vigil.incidents.work-interval", () -> "1s");
        registry.add("vigil.sla.scheduler-enabled", () -> "true");
        registry.add("vigil.sla.interval", () -> "1s");
    }

    @AfterAll
    static void stop() {
        SINKS.close();
    }

    @Test
    void theRealSchedulerWarnsAndBreachesAndTheContractEscalatesToTheClientsContact() throws Exception {
        String sample = Files.readString(sharedData().resolve("sigma-regression-dev/data/rules/windows/process_creation/"
                + "proc_creation_win_bitsadmin_download/" + IncidentsIT.BITSADMIN + ".jsonl")).strip();
        String key = tenantWithKey("esc-a");
        String base = "/api/v1/tenants/esc-a";
        assertThat(api("POST", base + "/assets", Map.of("name", "swachchhanda", "identifiers", List.of("swachchhanda"),
                "criticality", "critical", "crownJewel", true)).status()).isEqualTo(201);
        assertThat(api("PUT", base + "/notifications/policy", Map.of("allowedPrivateRanges", List.of("127.0.0.1/32")))
                .status()).isEqualTo(200);
        assertThat(api("POST", base + "/notifications/routes", Map.of("name", "ITSM", "channel", "webhook", "target",
                SINKS.webhookUrl(), "secret", SECRET)).status()).isEqualTo(201);
        assertThat(api("POST", base + "/notifications/routes", Map.of("name", "on call", "channel", "email",
                "target", "oncall@mssp.example")).status()).isEqualTo(201);
        // the contract: P1 respond within 1 h, resolve within 2 h, warn at 75 %; after 10 min the client's CISO hears
        Answer contract = api("PUT", base + "/contract", Map.of(
                "targets", Map.of("P1", Map.of("response", "PT1H", "resolution", "PT2H")),
                "warnings", List.of(0.75),
                "contacts", List.of(Map.of("id", "ciso", "name", "Carla Ciso", "role", "CISO", "email", "ciso@client.example")),
                "escalation", List.of(Map.of("after", "PT10M", "priorities", List.of("P1"), "tier", "T3", "contact", "ciso"))));
        assertThat(contract.status()).as(contract.body().toString()).isEqualTo(200);

        assertThat(ingest(key, sample).status()).isEqualTo(202);
        await("incident", () -> api("GET", base + "/incidents", null).body().path("total").asLong() == 1);
        String id = api("GET", base + "/incidents", null).body().at("/items/0/id").asText();
        String incident = base + "/incidents/" + id;
        JsonNode opened = api("GET", incident, null).body();
        assertThat(opened.get("priority").asText()).isEqualTo("P1");
        assertThat(opened.get("tier").asText()).isEqualTo("T2");
        Instant created = Instant.parse(opened.get("createdAt").asText());
        assertThat(api("GET", incident + "/clocks", null).body().at("/sla/0/dueAt").asText())
                .isEqualTo(created.plus(Duration.ofHours(1)).toString());

        // 10 minutes on: the contract's step escalates to T3 and the CISO gets an e-mail, once
        CLOCK.advance(Duration.ofMinutes(10));
        await("contract escalation", () -> api("GET", incident, null).body().get("tier").asText().equals("T3"));
        await("the contact's e-mail", () -> mailsTo("ciso@client.example").size() == 1);
        MimeMessage toCiso = mailsTo("ciso@client.example").getFirst();
        assertThat(toCiso.getSubject()).startsWith("[Vigil P1] Escalated to you (Carla Ciso)");
        assertThat((String) toCiso.getContent()).contains(id, "Tier: T3", "contract escalation PT10M after opening");
        assertThat(api("POST", incident + "/acknowledge", Map.of()).body().get("state").asText()).isEqualTo("acknowledged");

        // 91 minutes in: 75 % of the 2 h resolution target; the scheduler warns by e-mail and by signed webhook.
        // The P1 default of 30 min in tier does not apply: the contract's chain governs P1.
        CLOCK.advance(Duration.ofMinutes(81));
        await("SLA warning e-mail", () -> mailsTo("oncall@mssp.example").stream()
                .anyMatch(m -> subject(m).startsWith("[Vigil P1] SLA warning: resolution")));
        await("signed SLA warning webhook", () -> HOOKS.stream().anyMatch(h -> h.get("body").contains("\"event\":\"sla-warning\"")));
        Map<String, String> hook = HOOKS.stream().filter(h -> h.get("body").contains("\"event\":\"sla-warning\"")).findFirst().orElseThrow();
        assertThat(hook.get("signature")).isEqualTo("sha256=" + WebhookSender.sign(SECRET, hook.get("timestamp") + "." + hook.get("body")));
        assertThat(hook.get("body")).contains(id, "resolution");
        assertThat(api("GET", incident, null).body().get("tier").asText()).isEqualTo("T3");

        // past 2 h: the breach is recorded with its cause and escalates the incident to T4
        CLOCK.advance(Duration.ofMinutes(30));
        await("breach escalation", () -> api("GET", incident, null).body().get("tier").asText().equals("T4"));
        JsonNode after = api("GET", incident, null).body();
        assertThat(after.get("timeline").findValuesAsText("detail")).anyMatch(d -> d.startsWith("T3 → T4: SLA risk: resolution breach"));
        assertThat(after.get("timeline").findValuesAsText("action")).containsOnlyOnce(ContractEscalation.ACTION);
        JsonNode clocks = api("GET", incident + "/clocks", null).body();
        assertThat(clocks.at("/sla/1/clock").asText()).isEqualTo("resolution");
        assertThat(clocks.at("/sla/1/state").asText()).isEqualTo("breached");
        assertThat(clocks.get("alarms").findValuesAsText("stage")).contains("warning", "breach");
        await("SLA breach e-mail", () -> mailsTo("oncall@mssp.example").stream()
                .anyMatch(m -> subject(m).startsWith("[Vigil P1] SLA breached: resolution")));
        assertThat(mailsTo("ciso@client.example")).as("the step is not repeated").hasSize(1);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    private static Path sharedData() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        Path path = configured != null ? Path.of(configured) : Path.of("../../shared/data");
        assertThat(path.resolve("sigma-regression-dev")).as("shared data (VIGIL_SHARED_DATA)").isDirectory();
        return path;
    }
}
