package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.TlsContexts;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsIngestTest {

    private final TenantId tenant = TenantId.random();
    private final InMemoryJournal journal = new InMemoryJournal();
    private CertificateAuthority ca;
    private HttpIngestServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.openOrCreate(dir, "Test CA", Clock.systemUTC());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpIngestConfig config = new HttpIngestConfig(true, "127.0.0.1", 0, null, null, null, 1, null, null);
        server = new HttpIngestServer(config, journal,
                key -> key.equals("vgi_good") ? Optional.of(new IngestPrincipal(tenant, TenantStatus.ACTIVE, "k", "edr"))
                        : Optional.empty(),
                new InMemoryFailureStore(), new StageMetrics(registry), registry, Clock.systemUTC(), null,
                TlsContexts.httpsServer(ca.issueServer(List.of("localhost"), Duration.ofDays(1))));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void acceptsBatchesOverTlsWithACertificateFromTheCa() throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        HttpClient client = HttpClient.newBuilder().sslContext(context).sslParameters(parameters).build();

        HttpResponse<String> response = client.send(post("https"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(journal.events()).singleElement().satisfies(event -> assertThat(event.tenant()).isEqualTo(tenant));
    }

    @Test
    void refusesPlainHttpOnTheTlsPort() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> client.send(post("http"), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(journal.events()).isEmpty();
    }

    private HttpRequest post(String scheme) {
        return HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + server.port() + "/ingest/v1/events"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer vgi_good")
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}\n")).build();
    }
}
