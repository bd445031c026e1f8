package io.vigil.soc.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.tenant.TenantId;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.InMemorySoc;
import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import io.vigil.soc.contract.Contact;
import io.vigil.soc.incident.EscalationPolicy;
import io.vigil.soc.incident.Incident;
import io.vigil.testkit.FakeClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real SMTP (GreenMail) and a real HTTP receiver on loopback, which the tenant allows explicitly. */
class NotifierTest {

    static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final String SECRET = "0123456789abcdef-webhook-secret";

    final FakeClock clock = FakeClock.at("2026-03-02T10:00:00Z");
    final InMemorySoc soc = new InMemorySoc();
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    GreenMail smtp;
    HttpServer receiver;
    Notifier notifier;

    @BeforeEach
    void start() throws IOException {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readNBytes(1 << 20);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                received.add(Map.of("body", new String(body, StandardCharsets.UTF_8),
                        "timestamp", exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP_HEADER),
                        "signature", exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        receiver.start();
        SmtpSender email = new SmtpSender(new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), "soc@vigil.example",
                null, null, false, Duration.ofSeconds(5)));
        WebhookSender webhook = new WebhookSender(OutboundGuard.system(), soc.routes, clock);
        notifier = new Notifier(soc.routes, soc.deliveries, Map.of(Channel.EMAIL, email, Channel.WEBHOOK, webhook),
                clock, 3, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        smtp.stop();
        receiver.stop(0);
    }

    String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    Incident incident(Priority priority) {
        return Incident.open(UUID.randomUUID(), TENANT, "Credential dumping on dc01", priority, "level critical",
                EscalationPolicy.DEFAULTS.initialTier(priority), "detection", "g", clock.instant(), clock.instant()).build();
    }

    Route route(Channel channel, String target, Set<Priority> priorities, int minStep) {
        return soc.routes.save(TENANT, new Route(UUID.randomUUID(), TENANT, channel.code() + " route", channel, target,
                channel == Channel.WEBHOOK ? SECRET : null, priorities, Set.of(), minStep));
    }

    @Test
    void anEmailArrivesAtTheSmtpServer() throws Exception {
        route(Channel.EMAIL, "oncall@client.example, lead@client.example", Set.of(Priority.P1), 0);
        route(Channel.EMAIL, "p4@client.example", Set.of(Priority.P4), 0);
        Incident incident = incident(Priority.P1);
        notifier.alarm(incident, new ClockAlarm(TENANT, incident.id(), "response", ClockAlarm.Stage.WARNING, 0.75,
                clock.instant().plusSeconds(225), clock.instant(), "75% of the 15 min response target used"));
        assertThat(notifier.deliverDue(10)).isEqualTo(1);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2); // one message, two recipients
        assertThat(mails[0].getSubject()).isEqualTo("[Vigil P1] SLA warning: response: Credential dumping on dc01");
        assertThat(((String) mails[0].getContent())).contains("75% of the 15 min response target used", incident.id().toString());
        assertThat(soc.deliveries.list(TENANT, Delivery.State.DELIVERED, 10)).hasSize(1);
    }

    @Test
    void aContractContactIsEmailedDirectlyWithoutARoute() throws Exception {
        route(Channel.EMAIL, "oncall@client.example", Set.of(Priority.P1), 0);
        Incident incident = incident(Priority.P1);
        notifier.contactEscalated(incident, new Contact("ciso", "Carla Ciso", "CISO", "ciso@client.example", ""),
                "contract escalation PT10M after opening: T3");
        notifier.contactEscalated(incident, new Contact("desk", "Phone desk", "", "", "+49 30 1234"), "phone only");
        assertThat(notifier.deliverDue(10)).isEqualTo(1);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()).extracting(Object::toString).containsExactly("ciso@client.example");
        assertThat(mails[0].getSubject()).isEqualTo("[Vigil P1] Escalated to you (Carla Ciso): Credential dumping on dc01");
        Delivery sent = soc.deliveries.list(TENANT, Delivery.State.DELIVERED, 10).getFirst();
        assertThat(sent.routeName()).isEqualTo("contact ciso");
        assertThat(sent.recipient()).isEqualTo("ciso@client.example");
    }

    @Test
    void aWebhookArrivesSignedWhenTheTenantAllowsLoopback() {
        soc.routes.setAllowedPrivateRanges(TENANT, List.of("127.0.0.1/32"));
        route(Channel.WEBHOOK, hook("/hook"), Set.of(), 1);
        Incident incident = incident(Priority.P2);
        notifier.opened(incident); // step 0: below the route's minimum step
        assertThat(soc.deliveries.due(clock.instant(), 10)).isEmpty();
        Incident escalated = incident.edit().tier(clock.instant(), "vigil", Tier.T2, "x").escalated().build();
        notifier.escalated(escalated, "more than PT2H in T1");
        notifier.deliverDue(10);
        assertThat(received).hasSize(1);
        Map<String, String> hit = received.getFirst();
        assertThat(hit.get("timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(hit.get("signature")).isEqualTo("sha256=" + WebhookSender.sign(SECRET, hit.get("timestamp") + "." + hit.get("body")));
        assertThat(hit.get("body")).contains("\"event\":\"escalated\"", "\"tier\":\"T2\"", "\"escalation_step\":1",
                incident.id().toString());
    }

    @Test
    void retriesWithBackoffThenDeadLettersAndRetriesOnRequest() {
        soc.routes.setAllowedPrivateRanges(TENANT, List.of("127.0.0.0/8"));
        route(Channel.WEBHOOK, hook("/hook"), Set.of(), 0);
        failuresLeft.set(10);
        notifier.opened(incident(Priority.P3));
        notifier.deliverDue(10);
        Delivery pending = soc.deliveries.due(clock.instant().plusSeconds(30), 10).getFirst();
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(pending.lastError()).contains("answered 503");
        clock.advance(Duration.ofSeconds(29));
        assertThat(notifier.deliverDue(10)).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(notifier.deliverDue(10)).isEqualTo(1);
        assertThat(soc.deliveries.find(TENANT, pending.id()).orElseThrow().nextAttemptAt())
                .isEqualTo(clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        notifier.deliverDue(10);
        Delivery dead = soc.deliveries.list(TENANT, Delivery.State.DEAD, 10).getFirst();
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("after 3 attempts");
        failuresLeft.set(0);
        notifier.retry(TENANT, dead.id());
        notifier.deliverDue(10);
        assertThat(received).hasSize(1);
        assertThat(soc.deliveries.find(TENANT, dead.id()).orElseThrow().state()).isEqualTo(Delivery.State.DELIVERED);
    }

    @Test
    void loopbackIsRefusedUnlessAllowedAndNothingIsSent() {
        route(Channel.WEBHOOK, hook("/hook"), Set.of(), 0);
        notifier.opened(incident(Priority.P1));
        notifier.deliverDue(10);
        assertThat(received).isEmpty();
        assertThat(soc.deliveries.list(TENANT, Delivery.State.DEAD, 10).getFirst().lastError())
                .contains("resolves to 127.0.0.1", "does not allow");
    }

    @Test
    void everyRedirectTargetIsCheckedToo() {
        soc.routes.setAllowedPrivateRanges(TENANT, List.of("127.0.0.1/32"));
        route(Channel.WEBHOOK, hook("/redirect"), Set.of(), 0);
        notifier.opened(incident(Priority.P1));
        notifier.deliverDue(10);
        assertThat(soc.deliveries.list(TENANT, Delivery.State.DEAD, 10).getFirst().lastError())
                .contains("169.254.169.254");
    }

    @Test
    void theWebhookConnectsToTheAddressesTheGuardCheckedAndNoOthers() {
        // "hook.rebind.example" exists only in the guard's resolver: the request reaches the receiver only if the
        // connection uses the checked address rather than resolving the name again (where a rebinding DNS server
        // could answer with an internal address the second time).
        soc.routes.setAllowedPrivateRanges(TENANT, List.of("127.0.0.1/32"));
        OutboundGuard guard = new OutboundGuard(host -> {
            if (host.equals("hook.rebind.example")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            throw new java.net.UnknownHostException(host);
        });
        Notifier pinned = new Notifier(soc.routes, soc.deliveries,
                Map.of(Channel.WEBHOOK, new WebhookSender(guard, soc.routes, clock)), clock, 3, Duration.ofSeconds(30));
        route(Channel.WEBHOOK, "http://hook.rebind.example:" + receiver.getAddress().getPort() + "/hook", Set.of(), 0);

        pinned.opened(incident(Priority.P1));

        assertThat(pinned.deliverDue(10)).isEqualTo(1);
        assertThat(received).hasSize(1);
        assertThat(WebhookSender.sign(SECRET, received.getFirst().get("timestamp") + "." + received.getFirst().get("body")))
                .isEqualTo(received.getFirst().get("signature").substring("sha256=".length()));
    }

    @Test
    void aReceiverThatTricklesItsAnswerIsCutOffAtTheDeadline() throws Exception {
        // Headers one byte every 300 ms: each read is well within the read timeout, the whole exchange is not.
        try (java.net.ServerSocket slow = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (java.net.Socket socket = slow.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: yes\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
                        socket.getOutputStream().write(b);
                        socket.getOutputStream().flush();
                        Thread.sleep(300);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client gave up: what this test expects
                }
            });
            server.setDaemon(true);
            server.start();
            WebhookSender sender = new WebhookSender(OutboundGuard.system(), soc.routes, clock, Duration.ofSeconds(1));
            long start = System.nanoTime();

            assertThatThrownBy(() -> sender.post(URI.create("http://127.0.0.1:" + slow.getLocalPort() + "/hook"), SECRET,
                    List.of("127.0.0.1/32"), "{}", UUID.randomUUID()))
                    .isInstanceOf(TemporaryException.class).hasMessageContaining("no answer within 1000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void theGuardChecksWhatANameResolvesTo() throws Exception {
        OutboundGuard guard = new OutboundGuard(host -> switch (host) {
            case "internal.example" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
            case "mixed.example" -> new InetAddress[] {InetAddress.getByName("198.51.100.7"), InetAddress.getByName("192.168.1.1")};
            case "public.example" -> new InetAddress[] {InetAddress.getByName("198.51.100.7")};
            default -> throw new java.net.UnknownHostException(host);
        });
        assertThatThrownBy(() -> guard.check(URI.create("https://internal.example/x"), List.of()))
                .isInstanceOf(PermanentException.class).hasMessageContaining("10.1.2.3");
        assertThatThrownBy(() -> guard.check(URI.create("https://mixed.example/x"), List.of()))
                .hasMessageContaining("192.168.1.1");
        assertThat(guard.check(URI.create("https://public.example/x"), List.of())).hasSize(1);
        assertThat(guard.check(URI.create("https://internal.example/x"), List.of("10.0.0.0/8"))).hasSize(1);
        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd"), List.of())).hasMessageContaining("not http");
        for (String literal : List.of("127.0.0.1", "0.0.0.0", "169.254.169.254", "100.64.0.1", "172.16.0.1", "::1",
                "fe80::1", "fd00::1", "::ffff:10.0.0.1", "224.0.0.1")) {
            assertThat(OutboundGuard.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
        }
        assertThat(OutboundGuard.isPublic(InetAddress.getByName("2001:db8::1"))).isTrue();
        assertThatThrownBy(() -> OutboundGuard.validRange("example.com/8")).hasMessageContaining("IP address or CIDR");
    }
}
