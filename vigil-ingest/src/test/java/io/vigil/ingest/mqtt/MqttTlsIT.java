package io.vigil.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT input over TLS: a Mosquitto broker started for this test on a free loopback port with a certificate
 * from a test CA (made with openssl), trusted through a PKCS#12 trust store ({@code vigil.ingest.mqtt.trust-store}).
 */
class MqttTlsIT {

    @TempDir
    Path dir;
    private Process broker;
    private int port;
    private MqttInput input;

    @BeforeEach
    void startBroker() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "1",
                "-subj", "/CN=vigil-test-ca");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "1", "-extfile", "ext.cnf");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "user root", "persistence false", "log_dest stderr", "listener " + port + " 127.0.0.1",
                "allow_anonymous true", "cafile " + dir.resolve("ca.crt"), "certfile " + dir.resolve("server.crt"),
                "keyfile " + dir.resolve("server.key"), "tls_version tlsv1.2", ""));
        broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!listening()) {
            assertThat(broker.isAlive()).as("mosquitto running: " + Files.readString(dir.resolve("mosquitto.log"))).isTrue();
            assertThat(System.nanoTime()).as("mosquitto listening within 15 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (input != null) {
            input.close();
        }
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private Path trustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream ca = Files.newInputStream(dir.resolve("ca.crt"))) {
            store.setCertificateEntry("vigil-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        Path path = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, "changeit".toCharArray());
        }
        return path;
    }

    @Test
    void receivesOverTlsFromABrokerItsTrustStoreVouchesFor() throws Exception {
        TenantId tenant = TenantId.random();
        InMemoryJournal journal = new InMemoryJournal();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MqttConfig config = new MqttConfig(true, "127.0.0.1", port, true, trustStore(), "changeit", null, null,
                "vigil-tls-it-" + UUID.randomUUID().toString().substring(0, 8), null, null, null, Duration.ofMillis(200),
                Duration.ofSeconds(2), null);
        List<TopicMapping> mappings = List.of(new TopicMapping(tenant, new TopicFilter("plant/+/fire"), "fire", "json"));
        input = new MqttInput(config, journal, new InMemoryFailureStore(), null, new StageMetrics(meters), meters,
                FakeClock.at("2026-11-03T10:00:00Z"));
        input.start(mappings);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(input.connected() && input.subscriptions().contains("plant/+/fire"))) {
            assertThat(System.nanoTime()).as("connected over TLS and subscribed").isLessThan(deadline);
            Thread.sleep(20);
        }
        run("mosquitto_pub", "--cafile", dir.resolve("ca.crt").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-q", "1", "-t", "plant/hall-2/fire", "-m", "{\"panel\":\"FP-2\",\"alarm\":\"smoke\",\"zone\":4}");
        while (journal.events().isEmpty()) {
            assertThat(System.nanoTime()).as("the alarm journaled").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(journal.events()).singleElement().satisfies(event -> {
            assertThat(event.tenant()).isEqualTo(tenant);
            assertThat(event.source().name()).isEqualTo("plant/hall-2/fire");
            assertThat(new String(event.bytes(), StandardCharsets.UTF_8)).contains("smoke");
        });
    }
}
