package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.ingest.admission.AdmissionConfig;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-tenant admission at the HTTP listener: 429 with Retry-After for the tenant over its rate, nobody else. */
class HttpIngestAdmissionTest {

    private final TenantId noisy = TenantId.random();
    private final TenantId steady = TenantId.random();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpIngestServer server;

    @BeforeEach
    void start() throws Exception {
        IngestAuthenticator authenticator = key -> switch (key) {
            case "vgi_noisy" -> Optional.of(new IngestPrincipal(noisy, TenantStatus.ACTIVE, "k1", "noisy"));
            case "vgi_steady" -> Optional.of(new IngestPrincipal(steady, TenantStatus.ACTIVE, "k2", "steady"));
            default -> Optional.empty();
        };
        TenantAdmission admission = new TenantAdmission(new AdmissionConfig(true, 10.0, 20L), registry, nanos::get);
        server = new HttpIngestServer(new HttpIngestConfig(true, "127.0.0.1", 0, null, null, null, 2, 16, null), journal,
                authenticator, new InMemoryFailureStore(), new StageMetrics(registry), registry,
                FakeClock.at("2026-11-01T12:00:00Z"), admission, null);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String key, int events) throws Exception {
        String body = "{\"n\":1}\n".repeat(events);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/ingest/v1/events"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTenantOverItsRateGets429WithRetryAfterAndNothingJournaled() throws Exception {
        assertThat(send("vgi_noisy", 15).statusCode()).isEqualTo(202);
        HttpResponse<String> refused = send("vgi_noisy", 10);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("rate_limited");
        HttpResponse<String> empty = send("vgi_noisy", 5); // 5 tokens left: admitted, bucket now empty
        assertThat(empty.statusCode()).isEqualTo(202);
        assertThat(send("vgi_noisy", 1).statusCode()).as("an empty bucket is refused before framing").isEqualTo(429);
        assertThat(send("vgi_steady", 20).statusCode()).isEqualTo(202);
        assertThat(journal.events()).hasSize(40);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(send("vgi_noisy", 10).statusCode()).isEqualTo(202);
        assertThat(registry.get("vigil.ingest.http.requests").tag("tenant", noisy.toString()).tag("status", "429")
                .counter().count()).isEqualTo(2.0);
    }
}
