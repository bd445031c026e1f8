package io.vigil.server.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.core.event.RawEvent;
import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import io.vigil.ingest.syslog.SyslogServer;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.server.ServerTestSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Collection through the running server: certificates issued and revoked over REST, networks declared,
 * syslog over TLS and TCP landing in the journal under the tenant the certificate or network names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class SyslogCollectionIT extends ServerTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.ingest.syslog.bind-address", () -> "127.0.0.1");
        registry.add("vigil.ingest.syslog.tcp-port", () -> "0");
        registry.add("vigil.ingest.syslog.tls-port", () -> "0");
        registry.add("vigil.ingest.tls.server-names", () -> "localhost,127.0.0.1");
    }

    @Autowired
    SyslogServer syslog;

    @Autowired
    Journal journal;

    @Test
    void certificatesAndNetworksDecideTheTenantAndRevocationActsWithoutRestart() throws Exception {
        String a = tenant("syslog-a");
        String b = tenant("syslog-b");

        Answer issued = api("POST", "/api/v1/tenants/syslog-a/collectors/certificates", Map.of("collector", "fw-a", "validityDays", 30));
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(201);
        assertThat(issued.body().get("privateKeyPem").asText()).startsWith("-----BEGIN EC PRIVATE KEY-----");
        String serial = issued.body().get("serial").asText();
        assertThat(api("POST", "/api/v1/tenants/syslog-a/collectors/certificates", Map.of("collector", "bad name!")).status())
                .isEqualTo(400);

        Answer network = api("POST", "/api/v1/tenants/syslog-b/collectors/networks", Map.of("cidr", "127.0.0.0/8", "label", "lab", "codec", "auto"));
        assertThat(network.status()).as("%s", network.body()).isEqualTo(201);
        assertThat(api("POST", "/api/v1/tenants/syslog-a/collectors/networks", Map.of("cidr", "127.0.0.1")).status())
                .as("a /32 inside another tenant's network").isEqualTo(409);
        assertThat(api("POST", "/api/v1/tenants/syslog-a/collectors/networks", Map.of("cidr", "10.0.0.300/8")).status())
                .isEqualTo(400);

        try (JournalReader reader = journal.reader("syslog-collection-it")) {
            // TLS with A's certificate, from an address in B's network: the certificate decides.
            try (SSLSocket socket = tls(issued.body())) {
                socket.getOutputStream().write("<13>Nov 22 10:00:00 fw-a kernel: hello from A\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                List<RawEvent> got = read(reader, 1);
                assertThat(got.getFirst().tenant().toString()).isEqualTo(a);
                assertThat(got.getFirst().source().input()).isEqualTo("syslog-tls");
                assertThat(got.getFirst().source().name()).isEqualTo("fw-a");
                assertThat(got.getFirst().source().codec()).isEqualTo("syslog");

                // Plain TCP from 127.0.0.1: tenant B by its declared network.
                try (Socket plain = new Socket("127.0.0.1", syslog.port(SyslogServer.INPUT_TCP).orElseThrow())) {
                    OutputStream out = plain.getOutputStream();
                    out.write("<13>Nov 22 10:00:01 host app: hello from B\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    List<RawEvent> plainEvents = read(reader, 1);
                    assertThat(plainEvents.getFirst().tenant().toString()).isEqualTo(b);
                    assertThat(plainEvents.getFirst().source().name()).isEqualTo("127.0.0.1");
                    assertThat(plainEvents.getFirst().source().codec()).isEqualTo("auto");
                }
                await("the detected format shown with the source", () -> {
                    for (JsonNode source : api("GET", "/api/v1/tenants/syslog-b/sources", null).body()) {
                        if (source.get("name").asText().equals("127.0.0.1")) {
                            return "syslog".equals(source.path("detectedFormat").asText());
                        }
                    }
                    return false;
                });

                assertThat(api("GET", "/api/v1/tenants/syslog-a/collectors/certificates", null).body().get(0).get("status").asText())
                        .isEqualTo("valid");
                assertThat(api("DELETE", "/api/v1/tenants/syslog-b/collectors/certificates/" + serial, null).status())
                        .as("another tenant's certificate").isEqualTo(404);
                Answer revoked = api("DELETE", "/api/v1/tenants/syslog-a/collectors/certificates/" + serial, null);
                assertThat(revoked.body().get("status").asText()).isEqualTo("revoked");
                await("the revoked collector's connection to close", () -> syslog.openConnections() == 0);
            }
            assertThatThrownBy(() -> {
                try (SSLSocket socket = tls(issued.body())) {
                    socket.getOutputStream().write("<13>after revocation\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.getInputStream().read();
                }
            }).isInstanceOf(IOException.class);
            assertThat(reader.poll(10, Duration.ofMillis(300))).isEmpty();
        }
        assertThat(api("GET", "/actuator/prometheus", null).body().asText())
                .containsPattern("vigil_ingest_syslog_received_total\\{[^}]*input=\"syslog-tls\"[^}]*tenant=\"" + a + "\"[^}]*} 1");
    }

    private String tenant(String slug) {
        Answer created = api("POST", "/api/v1/platform/tenants", Map.of("slug", slug, "displayName", slug, "timezone", "UTC"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private static List<RawEvent> read(JournalReader reader, int count) throws InterruptedException {
        List<RawEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (events.size() < count && System.nanoTime() < deadline) {
            for (JournalEntry entry : reader.poll(count - events.size(), Duration.ofMillis(200))) {
                if (entry.event().source().input().startsWith("syslog")) {
                    events.add(entry.event());
                }
                reader.commit(entry.position() + 1);
            }
        }
        assertThat(events).hasSize(count);
        return events;
    }

    private SSLSocket tls(JsonNode issued) throws Exception {
        X509Certificate certificate = CertificateAuthority.readCertificate(issued.get("certificatePem").asText());
        X509Certificate ca = CertificateAuthority.readCertificate(issued.get("caCertificatePem").asText());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("c", CertificateAuthority.readKey(issued.get("privateKeyPem").asText()), "p".toCharArray(),
                new Certificate[] {certificate, ca});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "p".toCharArray());
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost",
                syslog.port(SyslogServer.INPUT_TLS).orElseThrow());
        var parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake(); // also checks the server certificate against the CA and the name 'localhost'
        return socket;
    }
}
