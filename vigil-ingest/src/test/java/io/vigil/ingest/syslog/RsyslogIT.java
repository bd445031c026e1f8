package io.vigil.ingest.syslog;

import static io.vigil.ingest.syslog.SyslogServerTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.CollectorIdentity;
import io.vigil.ingest.tls.IssuedCertificate;
import io.vigil.ingest.tls.TlsContexts;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rsyslog, the Debian package, as the collector: it forwards over TLS with a certificate from the same CA
 * code as {@code vigil certs}, and over plain TCP; the listener tags each message with the tenant the
 * certificate (or, for plain TCP and UDP, the declared network) names.
 */
class RsyslogIT {

    private final TenantId tenantA = TenantId.random();
    private final TenantId tenantB = TenantId.random();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private CertificateAuthority ca;
    private SyslogServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), "Test MSSP CA", Clock.systemUTC());
        CollectorVerifier verifier = certificate -> revoked.contains(certificate.getSerialNumber())
                ? new CollectorVerifier.Verdict.Refused("revoked")
                : CollectorIdentity.of(certificate).<CollectorVerifier.Verdict>map(id ->
                        new CollectorVerifier.Verdict.Accepted(new Sender(id.tenant(), id.collector(), "syslog")))
                        .orElse(new CollectorVerifier.Verdict.Refused("no identity"));
        // rsyslog connects from 127.0.0.1, which is tenant B's declared network: only TLS must ignore that.
        SourceNetworkTable networks = new SourceNetworkTable(List.of(new SourceNetworkTable.Entry(tenantB, "127.0.0.0/8", "syslog")));
        SyslogConfig config = new SyslogConfig("127.0.0.1", 0, 0, 0, null, null, null, null, null, null, null);
        server = new SyslogServer(config, journal, networks,
                TlsContexts.syslogServer(ca.issueServer(List.of("localhost", "127.0.0.1"), Duration.ofDays(1)), ca.certificate(), verifier),
                verifier, new InMemoryFailureStore(), registry, Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path[] files(IssuedCertificate issued, String name) throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs-" + name));
        Path caFile = Files.writeString(certs.resolve("ca.crt"), issued.caCertificatePem());
        Path cert = Files.writeString(certs.resolve(name + ".crt"), issued.certificatePem());
        Path key = Files.writeString(certs.resolve(name + ".key"), issued.privateKeyPem());
        return new Path[] {caFile, cert, key};
    }

    @Test
    void tlsEventsLandUnderTheTenantOfTheCertificateNotTheNetwork() throws Exception {
        IssuedCertificate issued = ca.issueCollector(tenantA, "fw-a", Duration.ofDays(30));
        Path[] files = files(issued, "fw-a");
        try (Rsyslog rsyslog = Rsyslog.forwardingTls(dir.resolve("rsyslog"), server.port(SyslogServer.INPUT_TLS).orElseThrow(),
                files[0], files[1], files[2])) {
            rsyslog.log("first line", "second line claims tenant=" + tenantB, "third line");
            awaitEvents(3, rsyslog);
        }
        assertThat(journal.events()).allSatisfy(event -> {
            assertThat(event.tenant()).isEqualTo(tenantA);
            assertThat(event.source()).isEqualTo(new SourceRef("syslog-tls", "fw-a", "syslog"));
        });
        assertThat(text(journal.events().getFirst())).startsWith("<").contains("vigiltest:", "first line").doesNotEndWith("\n");
        assertThat(text(journal.events().get(1))).contains("claims tenant=" + tenantB);
    }

    @Test
    void plainTcpEventsLandUnderTheTenantOfTheNetwork() throws Exception {
        try (Rsyslog rsyslog = Rsyslog.forwardingTcp(dir.resolve("rsyslog"), server.port(SyslogServer.INPUT_TCP).orElseThrow())) {
            rsyslog.log("over plain tcp");
            awaitEvents(1, rsyslog);
        }
        RawEvent event = journal.events().getFirst();
        assertThat(event.tenant()).isEqualTo(tenantB);
        assertThat(event.source()).isEqualTo(new SourceRef("syslog-tcp", "127.0.0.1", "syslog"));
        assertThat(text(event)).contains("over plain tcp");
    }

    @Test
    void udpEventsLandUnderTheTenantOfTheNetworkAndALoopbackBurstLosesNothing() throws Exception {
        int burst = Integer.getInteger("burst", 1000);
        try (Rsyslog rsyslog = Rsyslog.forwardingUdp(dir.resolve("rsyslog"), server.port(SyslogServer.INPUT_UDP).orElseThrow())) {
            rsyslog.log("over plain udp");
            awaitEvents(1, rsyslog);
            String[] lines = new String[burst];
            for (int i = 0; i < burst; i++) {
                lines[i] = "udp burst " + i + " " + "x".repeat(100);
            }
            rsyslog.log(lines);
            awaitEvents(1 + burst, rsyslog);
        }
        RawEvent first = journal.events().getFirst();
        assertThat(first.tenant()).isEqualTo(tenantB);
        assertThat(first.source()).isEqualTo(new SourceRef("syslog-udp", "127.0.0.1", "syslog"));
        assertThat(text(first)).startsWith("<").contains("vigiltest:", "over plain udp");
        assertThat(journal.events()).hasSize(1 + burst).allSatisfy(event -> assertThat(event.tenant()).isEqualTo(tenantB));
        // Loopback, a burst far below the 4 MiB receive buffer and a journal that keeps up: nothing dropped or counted.
        assertThat(registry.find("vigil.ingest.syslog.dropped").counter()).isNull();
        assertThat(registry.find("vigil.ingest.syslog.received").tag("input", "syslog-udp").counter().count())
                .isEqualTo(1 + burst);
    }

    @Test
    void revokedCertificateIsRefusedWithoutRestart() throws Exception {
        IssuedCertificate issued = ca.issueCollector(tenantA, "fw-a", Duration.ofDays(30));
        Path[] files = files(issued, "fw-a");
        try (Rsyslog rsyslog = Rsyslog.forwardingTls(dir.resolve("rsyslog"), server.port(SyslogServer.INPUT_TLS).orElseThrow(),
                files[0], files[1], files[2])) {
            rsyslog.log("before revocation");
            awaitEvents(1, rsyslog);

            revoked.add(issued.serial());
            server.disconnect(issued.serial());
            // rsyslog learns of the closed connection only when a write fails; keep logging until it has
            // reconnected and been refused at the handshake.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (int i = 0; refusedHandshakes() < 1; i++) {
                assertThat(System.nanoTime()).as("rsyslog refused within 30 s; its output:\n%s", rsyslog.output())
                        .isLessThan(deadline);
                rsyslog.log("after revocation " + i);
                Thread.sleep(250);
            }
            assertThat(rsyslog.alive()).isTrue();
        }
        assertThat(journal.events()).hasSize(1);
        assertThat(text(journal.events().getFirst())).contains("before revocation");
    }

    private double refusedHandshakes() {
        var counter = registry.find("vigil.ingest.syslog.refused").tag("input", "syslog-tls").tag("reason", "handshake").counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitEvents(int count, Rsyslog rsyslog) throws Exception {
        try {
            await(() -> journal.events().size() >= count);
        } catch (AssertionError e) {
            throw new AssertionError("rsyslog delivered " + journal.events().size() + " of " + count + "; its output:\n"
                    + rsyslog.output(), e);
        }
    }

    private static String text(RawEvent event) {
        return new String(event.bytes(), StandardCharsets.UTF_8);
    }
}
