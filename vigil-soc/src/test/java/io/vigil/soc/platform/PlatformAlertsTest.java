package io.vigil.soc.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.soc.notify.OutboundGuard;
import io.vigil.soc.notify.SmtpSender;
import io.vigil.soc.notify.SmtpSettings;
import io.vigil.soc.notify.WebhookSender;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.audit.InMemoryAuditSink;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Episodes, de-duplication, retries and the audit backlog; e-mail through a real SMTP server (GreenMail). */
class PlatformAlertsTest {

    static final Duration HOLD_DOWN = Duration.ofMinutes(1);
    static final Duration ROUND = Duration.ofSeconds(5);
    static final String PATH = "/var/lib/vigil/journal";

    final FakeClock clock = FakeClock.at("2026-11-23T03:00:00Z");
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final Condition disk = new Condition();
    GreenMail smtp;
    EmailOperators email;

    /** The journal condition as a test sets it: full or not. */
    static final class Condition implements PlatformCondition {
        volatile String fault;
        volatile RuntimeException broken;

        @Override
        public PlatformAlertKind kind() {
            return PlatformAlertKind.JOURNAL_STORAGE;
        }

        @Override
        public List<PlatformProblem> check() {
            if (broken != null) {
                throw broken;
            }
            return fault == null ? List.of() : List.of(new PlatformProblem(kind(), PATH, fault,
                    Map.of("path", PATH, "freeBytes", "0")));
        }
    }

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        email = new EmailOperators(new SmtpSender(new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(),
                "vigil@mssp.example", null, null, false, Duration.ofSeconds(5))), List.of("ops@mssp.example", "noc@mssp.example"));
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    /** A store in memory that outlives the engines made over it, as the database outlives a process. */
    static final class MemoryStore implements PlatformAlertStore {
        final Map<UUID, PlatformAlert> saved = new LinkedHashMap<>();
        volatile boolean failing;

        @Override
        public List<PlatformAlert> unresolved() {
            return saved.values().stream().filter(a -> a.state() != PlatformAlert.State.RESOLVED).toList();
        }

        @Override
        public List<PlatformAlert> resolved(int limit) {
            return saved.values().stream().filter(a -> a.state() == PlatformAlert.State.RESOLVED)
                    .sorted(java.util.Comparator.comparing(PlatformAlert::resolvedAt).reversed()).limit(limit).toList();
        }

        @Override
        public void save(PlatformAlert alert) {
            if (failing) {
                throw new TemporaryException("database on the full disk", Duration.ofSeconds(1));
            }
            saved.put(alert.id(), alert);
        }

        final Map<UUID, QueuedDelivery> deliveries = new LinkedHashMap<>();

        @Override
        public List<QueuedDelivery> pendingDeliveries() {
            return deliveries.values().stream()
                    .filter(d -> d.delivery().state() == OperatorDelivery.State.PENDING).toList();
        }

        @Override
        public List<OperatorDelivery> finishedDeliveries(int limit) {
            return deliveries.values().stream().map(QueuedDelivery::delivery)
                    .filter(d -> d.state() != OperatorDelivery.State.PENDING)
                    .sorted(java.util.Comparator.comparing(OperatorDelivery::updatedAt).reversed()).limit(limit)
                    .toList();
        }

        @Override
        public void saveDelivery(QueuedDelivery delivery) {
            if (failing) {
                throw new TemporaryException("database on the full disk", Duration.ofSeconds(1));
            }
            deliveries.put(delivery.delivery().id(), delivery);
        }
    }

    final MemoryStore store = new MemoryStore();

    PlatformAlerts alerts(List<OperatorChannel> channels) {
        return new PlatformAlerts("vigil-prod-1", List.of(disk), channels, audit, store, clock,
                new PlatformAlerts.Policy(HOLD_DOWN, 3, Duration.ofSeconds(10), 10));
    }

    @Test
    void aRestartDuringAnEpisodeCarriesItOnWithoutTellingOperatorsTwice() throws Exception {
        disk.fault = "journal write failed: No space left on device";
        store.failing = true; // the database sits on the full disk at first
        PlatformAlerts first = alerts(List.of(email));
        rounds(first, 2);
        assertThat(store.saved).isEmpty();
        store.failing = false;
        rounds(first, 1);
        UUID id = first.current().getFirst().id();
        assertThat(store.saved).containsOnlyKeys(id);
        assertThat(smtp.getReceivedMessages()).hasSize(2); // one message, two recipients

        // The process restarts while the disk is still full: same episode, nothing sent.
        PlatformAlerts second = alerts(List.of(email));
        assertThat(second.current()).singleElement().extracting(PlatformAlert::id).isEqualTo(id);
        rounds(second, 3);
        assertThat(second.current()).singleElement().extracting(PlatformAlert::id).isEqualTo(id);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(audit.records().stream().filter(r -> r.action().equals("platform.alert.raised"))).hasSize(1);

        // It clears, the process restarts again during the hold-down, and the resolution is sent once.
        disk.fault = null;
        rounds(second, 1);
        PlatformAlerts third = alerts(List.of(email));
        assertThat(third.current()).singleElement().extracting(PlatformAlert::state).isEqualTo(PlatformAlert.State.CLEARING);
        clock.advance(HOLD_DOWN);
        rounds(third, 2);
        assertThat(third.current()).isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(4);
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains("RESOLVED");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).hasSize(2);
        PlatformAlerts fourth = alerts(List.of(email));
        assertThat(fourth.current()).isEmpty();
        assertThat(fourth.recent()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.state()).isEqualTo(PlatformAlert.State.RESOLVED);
        });
    }

    @Test
    void aMessageWaitingForARetryWhenTheProcessStopsIsSentAfterTheRestartUnderTheSameId() {
        List<UUID> pagerIds = new CopyOnWriteArrayList<>();
        List<String> sent = new CopyOnWriteArrayList<>();
        OperatorChannel down = channel("pager", m -> {
            throw new TemporaryException("pager answered 503", Duration.ofSeconds(30));
        });
        disk.fault = "journal write failed: No space left on device";
        PlatformAlerts first = alerts(List.of(down, channel("chat", m -> sent.add("chat " + m.event().code()))));
        first.runOnce();
        UUID id = first.current().getFirst().id();
        UUID delivery = first.deliveries(id).stream().filter(d -> d.channel().equals("pager")).findFirst()
                .orElseThrow().id();
        assertThat(store.pendingDeliveries()).extracting(q -> q.delivery().id()).containsExactly(delivery);

        // The process stops before the retry; the next one has the pager back, and no chat channel any more.
        OperatorChannel pager = new OperatorChannel() {
            @Override
            public String name() {
                return "pager";
            }

            @Override
            public void send(OperatorMessage message, UUID deliveryId) {
                pagerIds.add(deliveryId);
                sent.add("pager " + message.event().code() + " " + message.alert().id());
            }
        };
        PlatformAlerts second = alerts(List.of(pager));
        second.runOnce();
        assertThat(sent).as("not before the backoff").containsExactly("chat raised");
        clock.advance(Duration.ofSeconds(10));
        second.runOnce();
        assertThat(sent).containsExactly("chat raised", "pager raised " + id);
        assertThat(pagerIds).containsExactly(delivery);
        assertThat(second.deliveries(id)).extracting(OperatorDelivery::channel, OperatorDelivery::state)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pager", OperatorDelivery.State.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("chat", OperatorDelivery.State.DELIVERED));
        assertThat(store.pendingDeliveries()).isEmpty();
        assertThat(audit.records().stream().filter(r -> r.action().equals("platform.alert.raised"))).hasSize(1);
    }

    @Test
    void aPendingMessageForAChannelNoLongerConfiguredFailsAtTheRestart() {
        disk.fault = "journal write failed: No space left on device";
        PlatformAlerts first = alerts(List.of(channel("pager", m -> {
            throw new TemporaryException("pager answered 503", Duration.ofSeconds(30));
        })));
        first.runOnce();
        UUID id = first.current().getFirst().id();

        PlatformAlerts second = alerts(List.of(email));
        assertThat(second.deliveries(id)).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(OperatorDelivery.State.FAILED);
            assertThat(d.lastError()).isEqualTo("channel pager is no longer configured");
        });
        second.runOnce();
        assertThat(store.pendingDeliveries()).isEmpty();
        assertThat(store.finishedDeliveries(10)).extracting(OperatorDelivery::channel).containsExactly("pager");
    }

    void rounds(PlatformAlerts alerts, int n) {
        for (int i = 0; i < n; i++) {
            alerts.runOnce();
            clock.advance(ROUND);
        }
    }

    @Test
    void aFlappingDiskSendsOneAlertAndOneResolvedMessagePerEpisode() throws Exception {
        PlatformAlerts alerts = alerts(List.of(email));
        rounds(alerts, 2);
        assertThat(smtp.getReceivedMessages()).isEmpty();

        disk.fault = "journal write failed: java.io.IOException: No space left on device";
        rounds(alerts, 5);
        // Flapping: gone for two rounds, back, gone, back: all shorter than the hold-down.
        for (int flap = 0; flap < 3; flap++) {
            disk.fault = null;
            rounds(alerts, 2);
            disk.fault = "free space on the journal's file store is 12 bytes, below minFreeDiskBytes 268435456";
            rounds(alerts, 1);
        }
        assertThat(alerts.current()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(PlatformAlert.State.OPEN);
            assertThat(a.recurrences()).isEqualTo(3);
            assertThat(a.summary()).contains("below minFreeDiskBytes");
        });
        MimeMessage[] raised = smtp.getReceivedMessages();
        // Two recipients of one message.
        assertThat(raised).hasSize(2);
        assertThat(raised[0].getSubject()).isEqualTo("[Vigil vigil-prod-1] ALERT: Journal storage refuses appends (" + PATH + ")");
        assertThat(GreenMailUtil.getBody(raised[0])).contains("No space left on device", "path: " + PATH, "freeBytes: 0");

        disk.fault = null;
        alerts.runOnce();
        assertThat(alerts.current()).singleElement().extracting(PlatformAlert::state).isEqualTo(PlatformAlert.State.CLEARING);
        clock.advance(HOLD_DOWN.minusSeconds(1));
        alerts.runOnce();
        assertThat(alerts.current()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        alerts.runOnce();
        assertThat(alerts.current()).isEmpty();
        assertThat(alerts.recent()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(PlatformAlert.State.RESOLVED);
            assertThat(a.recurrences()).isEqualTo(3);
        });
        rounds(alerts, 20);

        MimeMessage[] all = smtp.getReceivedMessages();
        assertThat(all).hasSize(4);
        List<MimeMessage> resolvedMail = new ArrayList<>();
        for (MimeMessage m : all) {
            if (m.getSubject().startsWith("[Vigil vigil-prod-1] RESOLVED: Journal storage refuses appends (" + PATH + ")")) {
                resolvedMail.add(m);
            }
        }
        assertThat(resolvedMail).hasSize(2);
        assertThat(GreenMailUtil.getBody(resolvedMail.getFirst())).contains("Recurrences while clearing: 3");

        List<AuditRecord> records = audit.matching(r -> r.action().startsWith("platform.alert."));
        assertThat(records).extracting(AuditRecord::action).containsExactly("platform.alert.raised", "platform.alert.resolved");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.tenant()).isNull();
            assertThat(r.actorName()).isEqualTo("system");
            assertThat(r.target()).isEqualTo("journal-storage:" + PATH);
        });
        assertThat(records.get(0).details()).containsEntry("path", PATH).containsEntry("freeBytes", "0");
        assertThat(records.get(1).details()).containsEntry("recurrences", "3");
        UUID id = alerts.recent().getFirst().id();
        assertThat(alerts.deliveries(id)).extracting(OperatorDelivery::event, OperatorDelivery::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OperatorMessage.Event.RAISED, OperatorDelivery.State.DELIVERED),
                org.assertj.core.groups.Tuple.tuple(OperatorMessage.Event.RESOLVED, OperatorDelivery.State.DELIVERED));
    }

    @Test
    void aProblemBackAfterTheHoldDownIsANewEpisode() {
        PlatformAlerts alerts = alerts(List.of(email));
        disk.fault = "journal write failed: No space left on device";
        rounds(alerts, 1);
        disk.fault = null;
        alerts.runOnce();
        clock.advance(HOLD_DOWN);
        alerts.runOnce();
        disk.fault = "journal write failed: No space left on device";
        rounds(alerts, 1);

        assertThat(alerts.recent()).hasSize(1);
        assertThat(alerts.current()).singleElement().extracting(PlatformAlert::id).isNotEqualTo(alerts.recent().getFirst().id());
        assertThat(audit.withAction("platform.alert.raised")).hasSize(2);
        assertThat(smtp.getReceivedMessages()).hasSize(6); // raised, resolved, raised; two recipients each
    }

    @Test
    void aTemporaryFailureIsRetriedWithBackoffAndAPermanentOneEndsTheDelivery() {
        AtomicInteger temporaryLeft = new AtomicInteger(1);
        List<String> sent = new CopyOnWriteArrayList<>();
        OperatorChannel flaky = channel("pager", m -> {
            if (temporaryLeft.getAndDecrement() > 0) {
                throw new TemporaryException("pager answered 503", Duration.ofSeconds(30));
            }
            sent.add(m.event().code());
        });
        OperatorChannel refused = channel("chat", m -> {
            throw new PermanentException("chat answered 404");
        });
        PlatformAlerts alerts = alerts(List.of(flaky, refused));
        disk.fault = "journal write failed: No space left on device";
        alerts.runOnce();
        UUID id = alerts.current().getFirst().id();
        assertThat(alerts.deliveries(id)).extracting(OperatorDelivery::channel, OperatorDelivery::state, OperatorDelivery::attempts)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pager", OperatorDelivery.State.PENDING, 1),
                        org.assertj.core.groups.Tuple.tuple("chat", OperatorDelivery.State.FAILED, 1));

        clock.advance(Duration.ofSeconds(9));
        alerts.runOnce();
        assertThat(sent).as("not before the backoff").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        alerts.runOnce();
        assertThat(sent).containsExactly("raised");
        assertThat(alerts.deliveries(id)).filteredOn(d -> d.channel().equals("pager")).singleElement()
                .satisfies(d -> assertThat(d.state()).isEqualTo(OperatorDelivery.State.DELIVERED));
        assertThat(alerts.deliveries(id)).filteredOn(d -> d.channel().equals("chat")).singleElement()
                .satisfies(d -> assertThat(d.lastError()).isEqualTo("chat answered 404"));
    }

    @Test
    void deliveryGivesUpAfterMaxAttempts() {
        AtomicInteger calls = new AtomicInteger();
        PlatformAlerts alerts = alerts(List.of(channel("pager", m -> {
            calls.incrementAndGet();
            throw new TemporaryException("unreachable", Duration.ofSeconds(30));
        })));
        disk.fault = "journal write failed: No space left on device";
        for (int i = 0; i < 20; i++) {
            alerts.runOnce();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(calls).hasValue(3);
        assertThat(alerts.deliveries(alerts.current().getFirst().id())).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(OperatorDelivery.State.FAILED);
            assertThat(d.lastError()).contains("after 3 attempts");
        });
    }

    @Test
    void auditRecordsWaitInOrderWhileTheLogCannotBeWritten() {
        List<AuditRecord> written = new ArrayList<>();
        AtomicInteger failing = new AtomicInteger(3);
        PlatformAlerts alerts = new PlatformAlerts("vigil-prod-1", List.of(disk), List.of(), record -> {
            if (failing.getAndDecrement() > 0) {
                throw new TemporaryException("database unavailable", Duration.ofSeconds(1));
            }
            written.add(record);
        }, new MemoryStore(), clock, new PlatformAlerts.Policy(Duration.ZERO, 3, Duration.ofSeconds(10), 10));
        disk.fault = "journal write failed: No space left on device";
        alerts.runOnce();
        disk.fault = null;
        alerts.runOnce(); // clearing
        alerts.runOnce(); // resolved at once (no hold-down)
        assertThat(written).isEmpty();
        alerts.runOnce();
        assertThat(written).extracting(AuditRecord::action).containsExactly("platform.alert.raised", "platform.alert.resolved");
        assertThat(written.get(0).at()).as("the time of the event, not of the write").isEqualTo(written.get(1).at());
    }

    @Test
    void aConditionThatCannotTellLeavesItsAlertsAsTheyAre() {
        PlatformAlerts alerts = alerts(List.of(email));
        disk.fault = "journal write failed: No space left on device";
        alerts.runOnce();
        disk.broken = new IllegalStateException("stats unavailable");
        clock.advance(HOLD_DOWN.multipliedBy(3));
        rounds(alerts, 3);
        assertThat(alerts.current()).singleElement().extracting(PlatformAlert::state).isEqualTo(PlatformAlert.State.OPEN);
        assertThat(alerts.recent()).isEmpty();
    }

    @Test
    void theOperatorsWebhookGetsASignedFlatJsonBody() throws Exception {
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/ops", exchange -> {
            received.add(Map.of("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    "timestamp", exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP_HEADER),
                    "signature", exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String secret = "operators-webhook-secret";
            // The guard refuses loopback for tenants; the operators' own webhook may be anywhere.
            WebhookOperators hook = new WebhookOperators(new WebhookSender(OutboundGuard.system(), new io.vigil.soc.InMemorySoc().routes, clock),
                    URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/ops"), secret);
            PlatformAlerts alerts = alerts(List.of(hook));
            disk.fault = "journal write failed: No space left on device";
            alerts.runOnce();

            assertThat(received).singleElement().satisfies(call -> {
                assertThat(call.get("body")).contains("\"event\":\"platform-alert.raised\"", "\"kind\":\"journal-storage\"",
                        "\"key\":\"" + PATH + "\"", "\"detail.freeBytes\":\"0\"", "\"installation\":\"vigil-prod-1\"");
                assertThat(call.get("signature")).isEqualTo("sha256="
                        + WebhookSender.sign(secret, call.get("timestamp") + "." + call.get("body")));
            });
        } finally {
            receiver.stop(0);
        }
    }

    private static OperatorChannel channel(String name, java.util.function.Consumer<OperatorMessage> send) {
        return new OperatorChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void send(OperatorMessage message, UUID deliveryId) {
                send.accept(message);
            }
        };
    }
}
