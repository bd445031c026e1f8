package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.cli.VigilCli;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.incident.AlarmRouter;
import io.vigil.soc.notify.WebhookSender;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * Telemetry → Sigma detection → triage → incident, worked through the REST API and the CLI; notifications arrive at a
 * real SMTP server (GreenMail) and, signed, at a webhook receiver on loopback that the tenant allows explicitly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentsIT extends ServerTestSupport {

    static final String BITSADMIN = "d059842b-6b9d-4ed1-b5c3-5b89143c6ede";
    static final String SECRET = "it-webhook-secret-0123456789";
    static final NotificationSinks SINKS = new NotificationSinks();
    static final GreenMail SMTP = SINKS.smtp;
    static final List<Map<String, String>> HOOKS = SINKS.hooks;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.notifications.smtp-host", () -> "127.0.0.1");
        registry.add("vigil.notifications.smtp-port", () -> Integer.toString(SINKS.smtpPort()));
        registry.add("vigil.notifications.smtp-from", () -> "soc@mssp.example");
        registry.add("vigil.notifications.backoff", () -> "1s");
        registry.add("vigil.notifications.max-attempts", () -> "1");
        registry.add("vigil.incidents.work-interval", () -> "1s");
    }

    @AfterAll
    static void stop() {
        SINKS.close();
    }

    @Autowired
    AlarmRouter alarms;

    @Test
    void detectionsBecomeIncidentsThatAnalystsWorkAndNotificationsArrive() throws Exception {
        String sample = Files.readString(sharedData().resolve("sigma-regression-dev/data/rules/windows/process_creation/"
                + "proc_creation_win_bitsadmin_download/" + BITSADMIN + ".jsonl")).strip();
        String key = tenantWithKey("inc-a");
        String base = "/api/v1/tenants/inc-a";
        // the asset registry by CSV, routes by API, loopback allowed for this tenant's webhook receiver
        assertThat(importCsv(base, "name,identifiers,owner,criticality,crown_jewel,site\n"
                + "swachchhanda,swachchhanda;10.1.1.1,Finance IT,critical,true,Berlin\n").body().get("created").asInt())
                .isEqualTo(1);
        assertThat(api("PUT", base + "/notifications/policy", Map.of("allowedPrivateRanges", List.of("127.0.0.1/32")))
                .status()).isEqualTo(200);
        String hook = SINKS.webhookUrl();
        assertThat(api("POST", base + "/notifications/routes", Map.of("name", "ITSM", "channel", "webhook", "target", hook,
                "secret", SECRET)).status()).isEqualTo(201);
        assertThat(api("POST", base + "/notifications/routes", Map.of("name", "on call", "channel", "email",
                "target", "oncall@client.example", "priorities", List.of("P1", "P2"))).body().has("secret")).isFalse();

        assertThat(ingest(key, sample).status()).isEqualTo(202);
        await("incident", () -> api("GET", base + "/incidents", null).body().path("total").asLong() == 1);
        JsonNode summary = api("GET", base + "/incidents", null).body().get("items").get(0);
        String id = summary.get("id").asText();
        JsonNode incident = api("GET", base + "/incidents/" + id, null).body();
        assertThat(incident.get("priorityReason").asText()).contains("asset swachchhanda criticality critical (3)",
                "crown jewel (1)");
        assertThat(incident.get("alerts").get(0).get("ruleId").asText()).isEqualTo(BITSADMIN);
        assertThat(incident.get("alerts").get(0).get("entities").get("host").asText()).isEqualTo("swachchhanda");
        assertThat(incident.get("history").get(0).get("to").asText()).isEqualTo("new");
        assertThat(incident.get("techniques")).isNotEmpty();

        // the contract's clocks run on the real incident (P1: respond within 15 min), NIS-2 starts from awareness
        JsonNode clocks = api("GET", base + "/incidents/" + id + "/clocks", null).body();
        assertThat(clocks.at("/sla/0/clock").asText()).isEqualTo("response");
        assertThat(clocks.at("/sla/0/state").asText()).isEqualTo("running");
        assertThat(Duration.between(Instant.parse(incident.get("createdAt").asText()),
                Instant.parse(clocks.at("/sla/0/dueAt").asText()))).isEqualTo(Duration.ofMinutes(15));
        assertThat(api("POST", base + "/incidents/" + id + "/regulatory/nis2", Map.of()).status()).isEqualTo(201);
        assertThat(api("GET", base + "/incidents/" + id + "/clocks", null).body().at("/regulatory/0/regime").asText())
                .isEqualTo("nis2");
        assertThat(api("GET", "/api/v1/tenants/inc-a/sla/compliance?month="
                + java.time.YearMonth.now(java.time.ZoneOffset.UTC), null).status()).isEqualTo(200);

        // the webhook arrives signed; the e-mail arrives at the SMTP server
        await("signed webhook", () -> !HOOKS.isEmpty());
        Map<String, String> hit = HOOKS.getFirst();
        assertThat(hit.get("signature")).isEqualTo("sha256=" + WebhookSender.sign(SECRET, hit.get("timestamp") + "." + hit.get("body")));
        assertThat(hit.get("body")).contains("\"event\":\"opened\"", id);
        await("e-mail", () -> SMTP.getReceivedMessages().length >= 1);
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).startsWith("[Vigil P1] New incident");

        // a repeat raises the count
        assertThat(ingest(key, sample).status()).isEqualTo(202);
        await("repeat", () -> api("GET", base + "/incidents/" + id, null).body().get("alerts").get(0).get("count").asInt() == 2);

        // work it
        assertThat(api("POST", base + "/incidents/" + id + "/acknowledge", Map.of()).body().get("state").asText())
                .isEqualTo("acknowledged");
        assertThat(api("POST", base + "/incidents/" + id + "/notes", Map.of("text", "red-team exercise?")).status()).isEqualTo(201);
        assertThat(api("POST", base + "/incidents/" + id + "/observables", Map.of("type", "url",
                "value", "https://www.atomicredteam.io/")).status()).isEqualTo(200);
        assertThat(api("POST", base + "/incidents/" + id + "/observables", Map.of("type", "url")).status()).isEqualTo(400);
        JsonNode attached = upload(base + "/incidents/" + id + "/attachments?name=cmd.txt", "bitsadmin /transfer n");
        String attachment = attached.get("attachments").get(0).get("id").asText();
        HttpResponse<String> download = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + base
                + "/incidents/" + id + "/attachments/" + attachment)).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.body()).isEqualTo("bitsadmin /transfer n");
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        String alert = incident.get("alerts").get(0).get("id").asText();
        assertThat(api("PUT", base + "/incidents/" + id + "/alerts/" + alert + "/disposition",
                Map.of("disposition", "false-positive")).status()).isEqualTo(400);
        assertThat(api("PUT", base + "/incidents/" + id + "/alerts/" + alert + "/disposition",
                Map.of("disposition", "true-positive")).status()).isEqualTo(200);
        assertThat(api("GET", base + "/alerts/tuning", null).body().get(0).get("truePositive").asInt()).isEqualTo(1);
        assertThat(api("GET", base + "/alerts", null).body().get("items").get(0).get("incidentId").asText()).isEqualTo(id);
        JsonNode escalated = api("POST", base + "/incidents/" + id + "/escalate", Map.of("reason", "needs forensics")).body();
        assertThat(escalated.get("tier").asText()).isEqualTo("T3");
        assertThat(escalated.get("timeline").findValuesAsText("action"))
                .contains("created", "repeat", "state", "note", "observable", "attachment", "disposition", "tier");

        // an SLA alarm raised by the clocks: a warning e-mail, and a breach escalates
        int mails = SMTP.getReceivedMessages().length;
        TenantId tenant = new TenantId(UUID.fromString(incident.get("tenant").asText()));
        alarms.onAlarm(new ClockAlarm(tenant, UUID.fromString(id), "response", ClockAlarm.Stage.WARNING, 0.75,
                Instant.now().plusSeconds(225), Instant.now(), "75% of the 15 min response target used"));
        await("SLA warning e-mail", () -> Arrays.stream(SMTP.getReceivedMessages()).skip(mails)
                .anyMatch(m -> subject(m).startsWith("[Vigil P1] SLA warning: response")));

        // the CLI
        Run listed = vigil("incidents", "list", "--tenant", "inc-a");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(id, "P1", "acknowledged", "T3");
        assertThat(vigil("incidents", "state", "--tenant", "inc-a", id, "contained", "--reason", "host isolated").out())
                .contains("contained");
        assertThat(vigil("incidents", "note", "--tenant", "inc-a", id, "isolated by EDR").exit()).isZero();
        assertThat(vigil("incidents", "assign", "--tenant", "inc-a", id, "bob").out()).contains("bob");
        assertThat(vigil("incidents", "show", "--tenant", "inc-a", id).out()).contains("priority reason:", "isolated by EDR");

        // another tenant sees nothing of it
        tenantWithKey("inc-b");
        assertThat(api("GET", "/api/v1/tenants/inc-b/incidents/" + id, null).status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/tenants/inc-b/incidents", null).body().get("total").asLong()).isZero();
    }

    @Test
    void suppressionsChangesAndDeadLetters() throws Exception {
        String sample = Files.readString(sharedData().resolve("sigma-regression-dev/data/rules/windows/process_creation/"
                + "proc_creation_win_bitsadmin_download/" + BITSADMIN + ".jsonl")).strip();
        String key = tenantWithKey("inc-c");
        String base = "/api/v1/tenants/inc-c";
        // no allowance: a loopback webhook is refused and lands in the dead-letter list
        api("POST", base + "/notifications/routes", Map.of("name", "internal", "channel", "webhook",
                "target", SINKS.webhookUrl(), "secret", SECRET));
        // a change window from the client's ticketing system, signed
        assertThat(api("PUT", base + "/changes/webhook-secret", Map.of("secret", SECRET)).status()).isEqualTo(204);
        String change = JSON.writeValueAsString(Map.of("reference", "CHG-4711", "assets", List.of("swachchhanda"),
                "start", "2025-12-10T04:00:00Z", "end", "2025-12-10T06:00:00Z", "downgrade", true));
        assertThat(signedChange(base, change, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(400);
        String ts = Long.toString(Instant.now().getEpochSecond());
        assertThat(signedChange(base, change, "sha256=" + WebhookSender.sign(SECRET, ts + "." + change), ts).statusCode())
                .isEqualTo(201);

        assertThat(ingest(key, sample).status()).isEqualTo(202);
        await("incident", () -> api("GET", base + "/incidents", null).body().path("total").asLong() == 1);
        String id = api("GET", base + "/incidents", null).body().get("items").get(0).get("id").asText();
        JsonNode alert = api("GET", base + "/incidents/" + id, null).body().get("alerts").get(0);
        assertThat(alert.get("change").asText()).startsWith("CHG-4711");
        assertThat(alert.get("priorityReason").asText()).contains("inside change window CHG-4711");

        await("dead letter", () -> api("GET", base + "/notifications/deliveries?state=dead", null).body().size() == 1);
        assertThat(api("GET", base + "/notifications/deliveries?state=dead", null).body().get(0).get("lastError").asText())
                .contains("127.0.0.1");

        // a suppression: the next match raises nothing
        assertThat(api("POST", base + "/suppressions", Map.of("ruleId", BITSADMIN, "reason", "IT software deployment",
                "expiresAt", Instant.now().plus(Duration.ofDays(7)).toString())).status()).isEqualTo(201);
        assertThat(api("POST", base + "/suppressions", Map.of("reason", "no scope",
                "expiresAt", Instant.now().plus(Duration.ofDays(7)).toString())).body().get("message").asText())
                .contains("needs a scope");
        long events = api("GET", base + "/events", null).body().path("total").asLong();
        assertThat(ingest(key, sample).status()).isEqualTo(202);
        await("event processed", () -> api("GET", base + "/events", null).body().path("total").asLong() == events + 1);
        assertThat(api("GET", base + "/incidents/" + id, null).body().get("alerts").get(0).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void theDataKeyRotatesAndEverySealedSecretStillOpens() throws Exception {
        tenantWithKey("inc-k");
        String base = "/api/v1/tenants/inc-k";
        assertThat(api("POST", base + "/notifications/routes", Map.of("name", "ticketing", "channel", "webhook",
                "target", "https://itsm.inc-k.example/hook", "secret", SECRET)).status()).isEqualTo(201);
        assertThat(api("PUT", base + "/changes/webhook-secret", Map.of("secret", SECRET)).status()).isEqualTo(204);
        String before = api("GET", "/api/v1/platform/data-key", null).body().get("current").asText();

        JsonNode rotated = api("POST", "/api/v1/platform/data-key/rotate", Map.of()).body();

        assertThat(rotated.get("keyId").asText()).isNotEqualTo(before);
        assertThat(rotated.get("retired")).extracting(JsonNode::asText).contains(before);
        assertThat(rotated.get("resealed").get("routes").asInt()).isPositive();
        assertThat(rotated.get("resealed").get("change-hooks").asInt()).isPositive();
        JsonNode keys = api("GET", "/api/v1/platform/data-key", null).body();
        assertThat(keys.get("keyIds")).extracting(JsonNode::asText).containsExactly(rotated.get("keyId").asText());
        StringWriter cliOut = new StringWriter();
        CommandLine cli = VigilCli.commandLine();
        cli.setOut(new PrintWriter(cliOut, true));
        assertThat(cli.execute("data-key", "show", "--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN)).isZero();
        assertThat(cliOut.toString()).contains(rotated.get("keyId").asText()).doesNotContain(before);
        // The secrets open under the new key alone: the route lists, and a change signed with the secret is taken.
        assertThat(api("GET", base + "/notifications/routes", null).body().get(0).get("hasSecret").asBoolean()).isTrue();
        String change = JSON.writeValueAsString(Map.of("reference", "CHG-9000", "assets", List.of("dc01"),
                "start", "2025-12-10T04:00:00Z", "end", "2025-12-10T06:00:00Z"));
        String ts = Long.toString(Instant.now().getEpochSecond());
        assertThat(signedChange(base, change, "sha256=" + WebhookSender.sign(SECRET, ts + "." + change), ts).statusCode())
                .isEqualTo(201);
    }

    private HttpResponse<String> signedChange(String base, String body, String signature) throws Exception {
        return signedChange(base, body, signature, Long.toString(Instant.now().getEpochSecond()));
    }

    private HttpResponse<String> signedChange(String base, String body, String signature, String ts) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + base + "/changes/webhook"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .header(WebhookSender.TIMESTAMP_HEADER, ts).header(WebhookSender.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Answer importCsv(String base, String csv) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + base
                        + "/assets/import")).header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    private JsonNode upload(String path, String content) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run vigil(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VigilCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path sharedData() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        Path path = configured != null ? Path.of(configured) : Path.of("../../shared/data");
        assertThat(path.resolve("sigma-regression-dev")).as("shared data (VIGIL_SHARED_DATA)").isDirectory();
        return path;
    }
}
