package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import io.vigil.ingest.pipeline.Pipeline;
import io.vigil.ingest.syslog.SyslogServer;
import io.vigil.server.ServerTestSupport;
import io.vigil.server.cli.VigilCli;
import io.vigil.soc.notify.WebhookSender;
import io.vigil.testkit.Tmpfs;
import io.vigil.testkit.audit.InMemoryAuditSink;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real full disk under the journal: a tmpfs of a few MiB, filled to the last byte while the server runs.
 * Ingest must stop acknowledging (HTTP 503 with Retry-After, syslog TCP held back), raise the alarm once
 * (health DOWN, gauge, one ERROR line, one operator alert by e-mail to a real SMTP server, listed by the API and
 * audited), resume by itself when space returns (and tell the operators once), and every acknowledged event
 * must be in the journal and processed. Needs root for the tmpfs mount: without it the test fails, saying so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@DirtiesContext
class DiskFullIT extends ServerTestSupport {

    static final String OPERATORS = "ops@mssp.example";
    static final String ALERT_SUBJECT = "] ALERT: Journal storage refuses appends (";
    static final String RESOLVED_SUBJECT = "] RESOLVED: Journal storage refuses appends (";

    static final String HOOK_SECRET = "operators-hook-secret-0123456789";

    private static Tmpfs tmpfs;
    private static GreenMail smtp;
    private static HttpServer hookReceiver;
    private static final List<Map<String, String>> HOOKS = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        registry.add("vigil.notifications.smtp-host", () -> "127.0.0.1");
        registry.add("vigil.notifications.smtp-port", () -> Integer.toString(smtp.getSmtp().getPort()));
        registry.add("vigil.alerts.operator-emails", () -> OPERATORS);
        hookReceiver = operatorsWebhook();
        // On loopback: the operators' own webhook may be on a private address, unlike a tenant's.
        registry.add("vigil.alerts.operator-webhook-url",
                () -> "http://127.0.0.1:" + hookReceiver.getAddress().getPort() + "/ops");
        registry.add("vigil.alerts.operator-webhook-secret", () -> HOOK_SECRET);
        registry.add("vigil.alerts.installation", () -> "vigil-it");
        registry.add("vigil.alerts.check-interval", () -> "200ms");
        registry.add("vigil.alerts.resolve-after", () -> "2s");
        tmpfs = Tmpfs.mount(8);
        registry.add("vigil.journal.directory", () -> tmpfs.path().resolve("journal").toString());
        // The floor would refuse before the disk is full; this test is about the write itself failing.
        registry.add("vigil.journal.min-free-disk-bytes", () -> "0");
        registry.add("vigil.ingest.syslog.bind-address", () -> "127.0.0.1");
        registry.add("vigil.ingest.syslog.tcp-port", () -> "0");
    }

    @AfterAll
    static void unmount() {
        if (smtp != null) {
            smtp.stop();
        }
        if (hookReceiver != null) {
            hookReceiver.stop(0);
        }
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    @Autowired
    Journal journal;

    @Autowired
    SyslogServer syslog;

    @Autowired
    Pipeline pipeline;

    @Autowired
    InMemoryAuditSink audit;

    @Test
    void fullDiskStopsAcknowledgingAlertsTheOperatorsOnceAndRecoversWithoutLosingAcknowledgedEvents() throws Exception {
        String key = tenantWithKey("diskfull");
        assertThat(api("POST", "/api/v1/tenants/diskfull/collectors/networks", Map.of("cidr", "127.0.0.0/8")).status())
                .isEqualTo(201);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger guardLog = (Logger) LoggerFactory.getLogger("io.vigil.ingest.journal.DiskSpaceGuard");
        log.start();
        guardLog.addAppender(log);
        try {
            List<String> acknowledged = new ArrayList<>();
            Answer before = ingest(key, event("before-0"));
            assertThat(before.status()).isEqualTo(202);
            acknowledged.add("before-0");
            assertThat(health().get("status").asText()).isEqualTo("UP");

            assertThat(tmpfs.fill()).isPositive();
            assertThat(tmpfs.usableBytes()).isZero();

            // Small events fit into the segment's last page for a while; the first one that does not is refused.
            Answer refused = null;
            for (int i = 0; i < 10_000 && refused == null; i++) {
                Answer answer = ingest(key, event("full-" + i));
                if (answer.status() == 202) {
                    acknowledged.add("full-" + i);
                } else {
                    refused = answer;
                }
            }
            assertThat(refused).as("an ingest refused once the disk is full").isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                    assertThat(Integer.parseInt(v)).isPositive());
            assertThat(refused.body().get("error").asText()).isEqualTo("overloaded");

            JsonNode down = health();
            assertThat(down.get("status").asText()).isEqualTo("DOWN");
            JsonNode journalHealth = down.get("components").get("journal");
            assertThat(journalHealth.get("status").asText()).isEqualTo("DOWN");
            assertThat(journalHealth.get("details").get("storageFault").asText()).contains("No space left on device");
            assertThat(api("GET", "/actuator/prometheus", null).body().asText())
                    .containsPattern("vigil_journal_storage_refusing\\{[^}]*} 1.0");
            long positionWhileFull = journal.stats().nextPosition();

            // The operators hear of it by e-mail, and the API lists it.
            String journalDir = tmpfs.path().resolve("journal").toString();
            await("the operators' alert e-mail", () -> mails(ALERT_SUBJECT).size() == 1);
            MimeMessage alertMail = mails(ALERT_SUBJECT).getFirst();
            assertThat(alertMail.getAllRecipients()).extracting(Object::toString).containsExactly(OPERATORS);
            assertThat(alertMail.getSubject()).isEqualTo("[Vigil vigil-it" + ALERT_SUBJECT + journalDir + ")");
            assertThat(GreenMailUtil.getBody(alertMail)).contains("No space left on device", "path: " + journalDir,
                    "freeBytes: ", "refusingSince: ");
            JsonNode open = api("GET", "/api/v1/platform/alerts", null).body();
            assertThat(open.get("current")).hasSize(1);
            JsonNode alert = open.get("current").get(0);
            assertThat(alert.get("kind").asText()).isEqualTo("journal-storage");
            assertThat(alert.get("key").asText()).isEqualTo(journalDir);
            assertThat(alert.get("state").asText()).isEqualTo("open");
            assertThat(alert.get("details").get("reason").asText()).contains("No space left on device");
            await("the alert's deliveries to show as delivered", () -> api("GET", "/api/v1/platform/alerts", null)
                    .body().get("current").get(0).get("deliveries").findValuesAsText("state")
                    .equals(List.of("delivered", "delivered")));
            assertThat(HOOKS).singleElement().satisfies(hook -> {
                assertThat(hook.get("signature")).isEqualTo("sha256="
                        + WebhookSender.sign(HOOK_SECRET, hook.get("timestamp") + "." + hook.get("body")));
                JsonNode body = JSON.readTree(hook.get("body"));
                assertThat(body.get("event").asText()).isEqualTo("platform-alert.raised");
                assertThat(body.get("kind").asText()).isEqualTo("journal-storage");
                assertThat(body.get("detail.path").asText()).isEqualTo(journalDir);
                assertThat(body.get("detail.reason").asText()).contains("No space left on device");
            });
            String alertId = alert.get("id").asText();
            assertThat(api("GET", "/actuator/prometheus", null).body().asText())
                    .containsPattern("vigil_platform_alerts_open\\{[^}]*kind=\"journal-storage\"[^}]*} 1.0");
            StringWriter cliOut = new StringWriter();
            CommandLine cli = VigilCli.commandLine();
            cli.setOut(new PrintWriter(cliOut, true));
            assertThat(cli.execute("alerts", "--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN)).isZero();
            assertThat(cliOut.toString()).contains("open", "journal-storage", journalDir);

            // Syslog over TCP while full: held back, not acknowledged by the journal, not dropped.
            List<String> syslogLines = new ArrayList<>();
            try (Socket socket = new Socket("127.0.0.1", syslog.port(SyslogServer.INPUT_TCP).orElseThrow())) {
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < 200; i++) {
                    String line = "<13>Nov 22 10:00:00 host app: syslog-" + i + " " + "x".repeat(200);
                    syslogLines.add("syslog-" + i + " ");
                    out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();

                // Several probe rounds (one per second) pass without anything getting in while the disk stays full.
                long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(ingest(key, event("still-full")).status()).isEqualTo(503);
                    assertThat(journal.stats().nextPosition()).isEqualTo(positionWhileFull);
                    Thread.sleep(100);
                }

                assertThat(mails(ALERT_SUBJECT)).as("one alert however long the disk stays full").hasSize(1);
                tmpfs.free();

                await("syslog held back to reach the journal after space returned",
                        () -> journal.stats().nextPosition() >= positionWhileFull + syslogLines.size());
            }
            await("HTTP ingest to acknowledge again", () -> ingest(key, event("after-0")).status() == 202);
            acknowledged.add("after-0");
            await("journal health UP again", () -> "UP".equals(health().get("components").get("journal").get("status").asText()));

            await("the operators' resolution e-mail", () -> mails(RESOLVED_SUBJECT).size() == 1);
            assertThat(GreenMailUtil.getBody(mails(RESOLVED_SUBJECT).getFirst())).contains("Alert: " + alertId);
            await("the operators' webhook to hear of the resolution", () -> HOOKS.size() == 2);
            assertThat(JSON.readTree(HOOKS.get(1).get("body")).get("event").asText()).isEqualTo("platform-alert.resolved");
            JsonNode after = api("GET", "/api/v1/platform/alerts", null).body();
            assertThat(after.get("current")).isEmpty();
            assertThat(after.get("recent").get(0).get("id").asText()).isEqualTo(alertId);
            assertThat(after.get("recent").get(0).get("state").asText()).isEqualTo("resolved");
            assertThat(api("GET", "/actuator/prometheus", null).body().asText())
                    .containsPattern("vigil_platform_alerts_open\\{[^}]*kind=\"journal-storage\"[^}]*} 0.0");
            assertThat(mails(ALERT_SUBJECT)).hasSize(1);
            assertThat(audit.matching(r -> r.action().startsWith("platform.alert.")))
                    .extracting(AuditRecord::action, AuditRecord::tenant, AuditRecord::target)
                    .containsExactly(tuple("platform.alert.raised", null, "journal-storage:" + journalDir),
                            tuple("platform.alert.resolved", null, "journal-storage:" + journalDir));
            assertThat(api("GET", "/api/v1/platform/audit?action=platform.alert.raised", null).body().get("items")
                    .findValuesAsText("target")).containsExactly("journal-storage:" + journalDir);

            long end = journal.stats().nextPosition();
            await("the pipeline to process everything", () -> pipeline.health().committed() >= end);
            Map<String, Integer> seen = new HashMap<>();
            List<String> syslogSeen = new ArrayList<>();
            try (JournalReader reader = journal.reader("disk-full-it")) {
                long next = 0;
                while (next < end) {
                    for (JournalEntry entry : reader.poll(1000, Duration.ofSeconds(1))) {
                        assertThat(entry.isCorrupt()).as("corrupt record at %s", entry.position()).isFalse();
                        String body = new String(entry.event().bytes(), StandardCharsets.UTF_8);
                        if (entry.event().source().input().equals("syslog-tcp")) {
                            syslogSeen.add(body.substring(body.indexOf("syslog-"), body.indexOf(' ', body.indexOf("syslog-")) + 1));
                        } else {
                            seen.merge(JSON.readTree(body).get("id").asText(), 1, Integer::sum);
                        }
                        next = entry.position() + 1;
                    }
                }
            }
            for (String id : acknowledged) {
                assertThat(seen.get(id)).as("acknowledged event %s in the journal once", id).isEqualTo(1);
            }
            assertThat(syslogSeen).as("every syslog line sent while full, in order, once").isEqualTo(syslogLines);

            List<ILoggingEvent> errors = log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertThat(errors).as("the outage is logged at ERROR once, not per refused event").hasSize(1);
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("accepts appends again"));
        } finally {
            guardLog.detachAppender(log);
        }
    }

    private static String event(String id) {
        return "{\"id\":\"" + id + "\",\"message\":\"disk full test\"}\n";
    }

    private static HttpServer operatorsWebhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/ops", exchange -> {
                HOOKS.add(Map.of("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        "timestamp", exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP_HEADER),
                        "signature", exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER)));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<MimeMessage> mails(String subjectPart) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getSubject().contains(subjectPart)) {
                    found.add(m);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private JsonNode health() {
        return api("GET", "/actuator/health", null).body();
    }
}
