package io.vigil.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.event.RawEvent;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.CollectorIdentity;
import io.vigil.ingest.tls.IssuedCertificate;
import io.vigil.ingest.tls.TlsContexts;
import io.vigil.ingest.tls.TlsEngine;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogServerTest {

    private final TenantId tenantA = TenantId.random();
    private final TenantId tenantB = TenantId.random();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final java.util.concurrent.atomic.AtomicInteger appendAttempts = new java.util.concurrent.atomic.AtomicInteger();
    private final io.vigil.core.journal.Journal countingJournal = new CountingJournal(journal, appendAttempts);
    private final InMemoryFailureStore failures = new InMemoryFailureStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private CertificateAuthority ca;
    private SyslogServer server;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.openOrCreate(dataDir.resolve("ca"), "Test MSSP CA", java.time.Clock.systemUTC());
        CollectorVerifier verifier = certificate -> {
            if (revoked.contains(certificate.getSerialNumber())) {
                return new CollectorVerifier.Verdict.Refused("revoked");
            }
            return CollectorIdentity.of(certificate)
                    .<CollectorVerifier.Verdict>map(id -> new CollectorVerifier.Verdict.Accepted(new Sender(id.tenant(), id.collector(), "syslog")))
                    .orElse(new CollectorVerifier.Verdict.Refused("no collector identity"));
        };
        SourceNetworkTable networks = new SourceNetworkTable(List.of(new SourceNetworkTable.Entry(tenantB, "127.0.0.0/8", "auto")));
        SyslogConfig config = new SyslogConfig("127.0.0.1", 0, 0, 0, 480, 100, null, null, null, null, null);
        server = new SyslogServer(config, countingJournal, networks,
                TlsContexts.syslogServer(ca.issueServer(List.of("localhost", "127.0.0.1"), Duration.ofDays(1)), ca.certificate(), verifier,
                        engine()),
                verifier, failures, registry, java.time.Clock.systemUTC());
        server.start();
    }

    /** The TLS engine under test; {@link SyslogServerOnJdkTlsTest} runs every case again on the JDK's. */
    TlsEngine engine() {
        return TlsEngine.BORINGSSL;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createsTheCaKeyReadableByTheOwnerOnly() throws IOException {
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("ca").resolve(CertificateAuthority.KEY_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        CertificateAuthority reopened = CertificateAuthority.openOrCreate(dataDir.resolve("ca"), "ignored", java.time.Clock.systemUTC());
        assertThat(reopened.certificate()).isEqualTo(ca.certificate());
    }

    @Test
    void plainTcpSenderIsTaggedWithTheTenantOfItsNetwork() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port(SyslogServer.INPUT_TCP).orElseThrow())) {
            OutputStream out = socket.getOutputStream();
            out.write("<13>Nov  1 12:00:00 host app: one\n15 <13>octet body!".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(() -> journal.events().size() == 2);
        }
        RawEvent first = journal.events().getFirst();
        assertThat(first.tenant()).isEqualTo(tenantB);
        assertThat(first.source().input()).isEqualTo("syslog-tcp");
        assertThat(first.source().name()).isEqualTo("127.0.0.1");
        assertThat(first.source().codec()).isEqualTo("auto");
        assertThat(new String(first.bytes(), StandardCharsets.US_ASCII)).isEqualTo("<13>Nov  1 12:00:00 host app: one");
        assertThat(new String(journal.events().get(1).bytes(), StandardCharsets.US_ASCII)).isEqualTo("<13>octet body!");
        assertThat(counter("received", "syslog-tcp", tenantB)).isEqualTo(2);
    }

    @Test
    void udpDatagramIsOneMessage() throws Exception {
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] bytes = "<14>udp message\n".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                    server.port(SyslogServer.INPUT_UDP).orElseThrow()));
        }
        await(() -> journal.events().size() == 1);
        assertThat(new String(journal.events().getFirst().bytes(), StandardCharsets.US_ASCII)).isEqualTo("<14>udp message");
        assertThat(journal.events().getFirst().source().input()).isEqualTo("syslog-udp");
    }

    @Test
    void tlsClientCertificateAloneDecidesTheTenant() throws Exception {
        IssuedCertificate collector = ca.issueCollector(tenantA, "fw-hq", Duration.ofDays(30));
        try (SSLSocket socket = tlsSocket(collector)) {
            socket.getOutputStream().write("17 <13>hello from fw".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            await(() -> journal.events().size() == 1);
        }
        RawEvent event = journal.events().getFirst();
        assertThat(event.tenant()).isEqualTo(tenantA); // not tenant B, whose network 127.0.0.0/8 the socket comes from
        assertThat(event.source()).isEqualTo(new io.vigil.core.event.SourceRef("syslog-tls", "fw-hq", "syslog"));
        assertThat(new String(event.bytes(), StandardCharsets.US_ASCII)).isEqualTo("<13>hello from fw");
    }

    @Test
    void revokedCertificateFailsTheHandshakeAndItsOpenConnectionIsClosed() throws Exception {
        IssuedCertificate collector = ca.issueCollector(tenantA, "fw-hq", Duration.ofDays(30));
        SSLSocket open = tlsSocket(collector);
        open.getOutputStream().write("<13>before\n".getBytes(StandardCharsets.US_ASCII));
        open.getOutputStream().flush();
        await(() -> journal.events().size() == 1);
        revoked.add(collector.serial());
        assertThat(server.disconnect(collector.serial())).isEqualTo(1);
        await(() -> server.openConnections() == 0);
        open.close();
        assertThatThrownBy(() -> {
            try (SSLSocket socket = tlsSocket(collector)) {
                socket.getOutputStream().write("5 <13>x".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                socket.getInputStream().read(); // the server's alert surfaces here under TLS 1.3
            }
        }).isInstanceOf(IOException.class);
        assertThat(journal.events()).hasSize(1);
    }

    @Test
    void clientOfferingOnlyTls11IsRefusedWhileTls12Succeeds() throws Exception {
        IssuedCertificate collector = ca.issueCollector(tenantA, "fw-hq", Duration.ofDays(30));
        Path cert = Files.writeString(dataDir.resolve("collector.crt"), collector.certificatePem());
        Path key = Files.writeString(dataDir.resolve("collector.key"), collector.privateKeyPem());
        assertThat(openSslClient(cert, key, "-tls1_2")).contains("New, TLSv1.2, Cipher is");
        // the server answers the TLS 1.1 ClientHello with alert 70 (protocol_version)
        assertThat(openSslClient(cert, key, "-tls1_1")).contains("alert protocol version").doesNotContain("New, TLSv1.1");
    }

    /** A handshake by the OpenSSL command-line client at security level 0, so the client is willing to offer TLS 1.1. */
    private String openSslClient(Path cert, Path key, String version) throws Exception {
        Process process = new ProcessBuilder("openssl", "s_client", "-connect",
                "127.0.0.1:" + server.port(SyslogServer.INPUT_TLS).orElseThrow(), version,
                "-cipher", "DEFAULT@SECLEVEL=0", "-cert", cert.toString(), "-key", key.toString(), "-no_ign_eof")
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void certificateOfAnotherCaIsRefused(@TempDir Path elsewhere) throws Exception {
        CertificateAuthority rogue = CertificateAuthority.openOrCreate(elsewhere, "Rogue", java.time.Clock.systemUTC());
        IssuedCertificate forged = rogue.issueCollector(tenantB, "fake", Duration.ofDays(1));
        assertThatThrownBy(() -> {
            try (SSLSocket socket = (SSLSocket) clientTrustingServer(forged, rogue).createSocket("127.0.0.1",
                    server.port(SyslogServer.INPUT_TLS).orElseThrow())) {
                socket.startHandshake();
                socket.getOutputStream().write("5 <13>x".getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().read();
            }
        }).isInstanceOf(IOException.class);
        assertThat(journal.events()).isEmpty();
    }

    @Test
    void oversizeMessageIsCountedAndKeptWhileTheConnectionGoesOn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port(SyslogServer.INPUT_TCP).orElseThrow())) {
            OutputStream out = socket.getOutputStream();
            out.write(("<13>" + "x".repeat(2000) + "\n<13>after\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(() -> journal.events().size() == 1 && failures.failures().size() == 1);
        }
        assertThat(new String(journal.events().getFirst().bytes(), StandardCharsets.US_ASCII)).isEqualTo("<13>after");
        assertThat(failures.failures().getFirst().tenant()).isEqualTo(tenantB);
        assertThat(failures.failures().getFirst().raw()).hasSize(480);
        assertThat(failures.failures().getFirst().reason()).contains("frame limit of 480");
        assertThat(counter("oversize", "syslog-tcp", tenantB)).isEqualTo(1);
    }

    @Test
    void fullJournalStopsReadingAndResumesWithoutLoss() throws Exception {
        journal.refuseAppends(true);
        try (Socket socket = new Socket("127.0.0.1", server.port(SyslogServer.INPUT_TCP).orElseThrow())) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 50; i++) {
                out.write(("<13>held " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            await(() -> appendAttempts.get() >= 2); // refused at least once, then retried
            assertThat(journal.events()).isEmpty();
            journal.refuseAppends(false);
            await(() -> journal.events().size() == 50);
        }
        assertThat(journal.events()).extracting(e -> new String(e.bytes(), StandardCharsets.US_ASCII))
                .startsWith("<13>held 0").endsWith("<13>held 49");
    }

    @Test
    void udpDropsAreCountedPerTenantWhenTheJournalIsFull() throws Exception {
        journal.refuseAppends(true);
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] bytes = "<14>dropped".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                    server.port(SyslogServer.INPUT_UDP).orElseThrow()));
        }
        await(() -> counter("dropped", "syslog-udp", tenantB) == 1);
        assertThat(journal.events()).isEmpty();
    }

    @Test
    void tenantOverItsRateIsHeldBackOnTcpWithoutLossAndDroppedOnUdp() throws Exception {
        server.close();
        var admission = new io.vigil.ingest.admission.TenantAdmission(
                new io.vigil.ingest.admission.AdmissionConfig(true, 1.0, 5L), registry);
        SyslogConfig config = new SyslogConfig("127.0.0.1", 0, 0, null, null, null, null, null, null, null, null);
        SourceNetworkTable networks = new SourceNetworkTable(List.of(new SourceNetworkTable.Entry(tenantB, "127.0.0.0/8", "auto")));
        server = new SyslogServer(config, countingJournal, networks, null, null, failures, registry,
                java.time.Clock.systemUTC(), admission);
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.port(SyslogServer.INPUT_TCP).orElseThrow())) {
            OutputStream out = socket.getOutputStream();
            out.write("<13>tcp 1\n<13>tcp 2\n<13>tcp 3\n<13>tcp 4\n<13>tcp 5\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(() -> journal.events().size() == 5); // the burst
            // the bucket is empty (it refills at 1 event/s): the next batch is held, reading stops, nothing is lost
            out.write("<13>tcp 6\n<13>tcp 7\n<13>tcp 8\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(() -> journal.events().size() == 8);
        }
        assertThat(registry.find("vigil.ingest.admission.events").tag("tenant", tenantB.toString())
                .tag("outcome", "refused").counter()).isNotNull();
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int i = 0; i < 20; i++) {
                byte[] bytes = ("<14>udp " + i).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                        server.port(SyslogServer.INPUT_UDP).orElseThrow()));
            }
        }
        await(() -> counter("dropped", "syslog-udp", tenantB) + counter("received", "syslog-udp", tenantB) == 20);
        assertThat(counter("dropped", "syslog-udp", tenantB)).isPositive();
        assertThat(journal.events()).hasSize(8 + (int) counter("received", "syslog-udp", tenantB));
    }

    @Test
    void unknownSenderIsRefusedAndCounted() throws Exception {
        server.close();
        SyslogConfig config = new SyslogConfig("127.0.0.1", null, 0, null, null, null, null, null, null, null, null);
        server = new SyslogServer(config, countingJournal, SourceNetworkTable.EMPTY, null, null, failures, registry,
                java.time.Clock.systemUTC());
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.port(SyslogServer.INPUT_TCP).orElseThrow())) {
            socket.getOutputStream().write("<13>who am I\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().read()).isEqualTo(-1); // closed by the listener
        }
        assertThat(registry.counter("vigil.ingest.syslog.refused", "input", "syslog-tcp", "tenant", "unknown",
                "reason", "unknown-sender").count()).isEqualTo(1);
        assertThat(journal.events()).isEmpty();
    }

    private SSLSocket tlsSocket(IssuedCertificate collector) throws Exception {
        SSLSocket socket = (SSLSocket) TestTls.client(collector, ca).getSocketFactory()
                .createSocket("127.0.0.1", server.port(SyslogServer.INPUT_TLS).orElseThrow());
        socket.startHandshake();
        return socket;
    }

    private javax.net.ssl.SSLSocketFactory clientTrustingServer(IssuedCertificate collector, CertificateAuthority issuer)
            throws Exception {
        javax.net.ssl.SSLContext context = TestTls.client(collector, issuer);
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("c", collector.privateKey(), "p".toCharArray(), new java.security.cert.Certificate[] {collector.certificate()});
        keys.init(store, "p".toCharArray());
        context.init(keys.getKeyManagers(), TestTls.trusting(ca.certificate()).getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private double counter(String what, String input, TenantId tenant) {
        var counter = registry.find("vigil.ingest.syslog." + what).tag("input", input).tag("tenant", tenant.toString()).counter();
        return counter == null ? 0 : counter.count();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
