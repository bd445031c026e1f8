package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpIngestServerTest {

    private static final String KEY = "vgi_good";
    private static final String SUSPENDED_KEY = "vgi_suspended";

    private final TenantId tenant = TenantId.random();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final InMemoryFailureStore failures = new InMemoryFailureStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private HttpIngestServer server;

    @BeforeEach
    void start() throws Exception {
        IngestAuthenticator authenticator = key -> switch (key) {
            case KEY -> Optional.of(new IngestPrincipal(tenant, TenantStatus.ACTIVE, "k1", "firewall-hq"));
            case SUSPENDED_KEY -> Optional.of(new IngestPrincipal(tenant, TenantStatus.SUSPENDED, "k2", "old"));
            default -> Optional.empty();
        };
        HttpIngestConfig config = new HttpIngestConfig(true, "127.0.0.1", 0, 64 * 1024, 4096, 100, 2, 16, Duration.ofSeconds(7));
        server = new HttpIngestServer(config, journal, authenticator, failures, new StageMetrics(registry), registry,
                FakeClock.at("2026-11-01T12:00:00Z"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String body) throws Exception {
        return post("/ingest/v1/events", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + KEY));
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void acceptsNdjsonOnceJournaledAndTagsTenantAndSource() throws Exception {
        HttpResponse<String> response = send("{\"a\":1}\n\n{\"b\":2}\r\n");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(body(response).get("accepted").asInt()).isEqualTo(2);
        assertThat(journal.events()).hasSize(2);
        RawEvent first = journal.events().getFirst();
        assertThat(first.tenant()).isEqualTo(tenant);
        assertThat(first.source().input()).isEqualTo("http");
        assertThat(first.source().name()).isEqualTo("firewall-hq");
        assertThat(first.source().codec()).isEqualTo("json");
        assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(registry.get("vigil.pipeline.events.out").tag("phase", Phase.RECEIVE.label()).counter().count()).isEqualTo(2.0);
    }

    @Test
    void acceptsJsonArrayAndSingleObjectAndSourceParameter() throws Exception {
        HttpResponse<String> array = post("/ingest/v1/events?source=okta", "application/json",
                "[ {\"a\":1}, {\"b\":{\"c\":[1,2]}} ]".getBytes(StandardCharsets.UTF_8), Map.of("X-Vigil-Ingest-Key", KEY));
        assertThat(array.statusCode()).isEqualTo(202);
        HttpResponse<String> single = post("/ingest/v1/events", "application/json; charset=utf-8",
                "{\n \"pretty\": true\n}".getBytes(StandardCharsets.UTF_8), Map.of("X-Vigil-Ingest-Key", KEY));
        assertThat(single.statusCode()).isEqualTo(202);
        assertThat(journal.events()).extracting(e -> new String(e.bytes(), StandardCharsets.UTF_8))
                .containsExactly("{\"a\":1}", "{\"b\":{\"c\":[1,2]}}", "{\n \"pretty\": true\n}");
        assertThat(journal.events().getFirst().source().name()).isEqualTo("okta");
    }

    @Test
    void acceptsGzip() throws Exception {
        HttpResponse<String> response = post("/ingest/v1/events", "application/x-ndjson", gzip("{\"z\":1}\n{\"z\":2}\n"),
                Map.of("Authorization", "Bearer " + KEY, "Content-Encoding", "gzip"));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(journal.events()).hasSize(2);
    }

    @Test
    void refusesUnknownMissingAndSuspendedKeys() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(post("/ingest/v1/events", null, body, Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = post("/ingest/v1/events", null, body, Map.of("Authorization", "Bearer nope"));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(body(unknown).get("error").asText()).isEqualTo("unauthorized");
        HttpResponse<String> suspended = post("/ingest/v1/events", null, body, Map.of("Authorization", "Bearer " + SUSPENDED_KEY));
        assertThat(suspended.statusCode()).isEqualTo(403);
        assertThat(body(suspended).get("message").asText()).contains("suspended");
        assertThat(journal.events()).isEmpty();
    }

    @Test
    void refusesBadJsonNamingEveryBadLineAndKeepsTheBatchInTheFailureStore() throws Exception {
        HttpResponse<String> response = send("{\"ok\":1}\n{\"broken\": \n{\"ok\":2}\n42\n");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = body(response);
        assertThat(error.get("error").asText()).isEqualTo("bad_request");
        assertThat(error.get("message").asText()).startsWith("bad JSON at line 2");
        assertThat(error.get("problems")).hasSize(2);
        assertThat(error.get("problems").get(1).get("location").asText()).isEqualTo("line 4");
        assertThat(error.get("problems").get(1).get("message").asText()).contains("expected a JSON object");
        assertThat(journal.events()).as("a refused batch is refused whole").isEmpty();
        assertThat(failures.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.tenant()).isEqualTo(tenant);
            assertThat(failure.phase()).isEqualTo(Phase.RECEIVE);
            assertThat(new String(failure.raw(), StandardCharsets.UTF_8)).contains("{\"broken\":");
        });
    }

    @Test
    void refusesOversizedBatchesEventsAndGzipBombs() throws Exception {
        HttpResponse<String> big = send("{\"a\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(body(big).get("error").asText()).isEqualTo("payload_too_large");

        HttpResponse<String> bigEvent = send("{\"a\":\"" + "x".repeat(5000) + "\"}");
        assertThat(bigEvent.statusCode()).isEqualTo(400);
        assertThat(body(bigEvent).get("message").asText()).contains("exceeds the limit of 4096");

        HttpResponse<String> many = send("{\"a\":1}\n".repeat(101));
        assertThat(many.statusCode()).isEqualTo(413);
        assertThat(body(many).get("message").asText()).contains("more than 100 events");

        byte[] bomb = gzip("{\"a\":\"" + "0".repeat(10 * 1024 * 1024) + "\"}");
        assertThat(bomb.length).isLessThan(64 * 1024);
        HttpResponse<String> bombed = post("/ingest/v1/events", "application/x-ndjson", bomb,
                Map.of("Authorization", "Bearer " + KEY, "Content-Encoding", "gzip"));
        assertThat(bombed.statusCode()).isEqualTo(413);
        assertThat(journal.events()).isEmpty();
    }

    @Test
    void answers503WithRetryAfterWhenTheJournalIsFull() throws Exception {
        journal.refuseAppends(true);
        HttpResponse<String> response = send("{\"a\":1}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(body(response).get("error").asText()).isEqualTo("overloaded");
        journal.refuseAppends(false);
        assertThat(send("{\"a\":1}").statusCode()).isEqualTo(202);
    }

    @Test
    void answersUnknownRoutesMethodsAndMediaTypes() throws Exception {
        assertThat(post("/other", "application/json", new byte[0], Map.of()).statusCode()).isEqualTo(404);
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/ingest/v1/events")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(post("/ingest/v1/events", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + KEY)).statusCode()).isEqualTo(415);
        assertThat(send("   \n  ").statusCode()).isEqualTo(400);
    }

    @Test
    void survivesRandomBodiesWithAClearAnswer() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] body = new byte[random.nextInt(2048)];
            random.nextBytes(body);
            if (random.nextBoolean() && body.length > 2) {
                body[0] = '{';
                body[body.length - 1] = '}';
            }
            HttpResponse<String> response = post("/ingest/v1/events", random.nextBoolean() ? "application/json" : null, body,
                    Map.of("Authorization", "Bearer " + KEY));
            assertThat(response.statusCode()).isIn(202, 400);
            assertThat(body(response).has("error") || body(response).has("accepted")).isTrue();
        }
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
