package io.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.ingest.http.HttpIngestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import io.vigil.testkit.audit.InMemoryAuditSink;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs the whole application on random ports over a fresh data directory, and talks to it over real HTTP
 * as clients do. Subclasses are {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
@Import(ServerTestSupport.TestAudit.class)
public abstract class ServerTestSupport {

    /**
     * Every audit record goes to the application's tamper-evident log as in production, and is also kept in memory
     * so that tests can look at what was recorded.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class TestAudit {
        @Bean
        InMemoryAuditSink auditRecords() {
            return new InMemoryAuditSink();
        }

        @Bean
        @org.springframework.context.annotation.Primary
        io.vigil.core.audit.AuditSink recordingAuditSink(InMemoryAuditSink records, io.vigil.store.audit.JdbcAuditLog log) {
            return record -> {
                log.record(record);
                records.record(record);
            };
        }
    }

    /** Known to the tests through {@code vigil.server.bootstrap-token}. */
    public static final String ADMIN_TOKEN = "vga_test-bootstrap-token-0123456789abcdefghij";

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected HttpIngestServer ingest;

    @Autowired
    private io.vigil.store.identity.Users accounts;
    @Autowired
    private io.vigil.store.identity.RoleBindings roleBindings;
    @Autowired
    private io.vigil.store.apitoken.ApiTokens apiTokens;

    /** A real account holding one role binding, made through the stores; returns the secret of an API token of it. */
    protected String accountWithToken(String login, io.vigil.core.access.ActorKind kind, io.vigil.core.tenant.TenantId home,
                                      io.vigil.core.access.RoleBinding binding) {
        var account = accounts.create(new io.vigil.store.identity.NewUser(login, login, kind, home, null, false));
        roleBindings.grant(account.id(), binding, io.vigil.store.identity.RoleBindingRow.MANUAL, "test");
        return apiTokens.issue(account.id(), login, null, null, null).secret();
    }

    protected static void embeddedProperties(DynamicPropertyRegistry registry) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("vigil-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vigil.server.data-dir", dataDir::toString);
        registry.add("vigil.server.bootstrap-token", () -> ADMIN_TOKEN);
        registry.add("vigil.ingest.http.port", () -> "0");
        registry.add("vigil.ingest.http.bind-address", () -> "127.0.0.1");
        registry.add("vigil.pipeline.poll-wait", () -> "20ms");
    }

    protected record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    protected Answer api(String method, String path, Object body) {
        return api(method, path, body, ADMIN_TOKEN);
    }

    protected Answer api(String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : readOrText(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Answer ingest(String ingestKey, String ndjson) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/ingest/v1/events"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + ingestKey)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), readOrText(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a tenant and an ingest key for it; returns the key's secret. */
    protected String tenantWithKey(String slug) {
        Answer created = api("POST", "/api/v1/platform/tenants", java.util.Map.of("slug", slug, "displayName", slug + " Ltd",
                "timezone", "Europe/Berlin"));
        if (created.status() != 201) {
            throw new IllegalStateException("tenant not created: " + created.body());
        }
        return api("POST", "/api/v1/tenants/" + slug + "/ingest-keys", java.util.Map.of("label", "test-sender"))
                .body().get("secret").asText();
    }

    /** Waits, bounded, for a condition that background processing will make true. */
    protected static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
