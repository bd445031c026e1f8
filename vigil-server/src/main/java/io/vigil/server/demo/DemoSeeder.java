package io.vigil.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.store.ingestkey.IngestKeys;
import io.vigil.store.tenant.TenantDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code serve --demo}: creates the example tenants of the bundled manifest and replays their sample
 * telemetry through the real HTTP ingest path with a real ingest key, exactly as a client's collector
 * would. Tenants that already exist are left alone, so restarting the demo does not duplicate data.
 */
@Component
@ConditionalOnProperty(name = "vigil.demo.enabled", havingValue = "true")
public final class DemoSeeder {

    static final String MANIFEST = "io/vigil/content/demo/manifest.json";
    static final int BATCH_LINES = 200;
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

    private final TenantDirectory tenants;
    private final IngestKeys keys;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoSeeder(TenantDirectory tenants, IngestKeys keys, ObjectMapper json) {
        this.tenants = tenants;
        this.keys = keys;
        this.json = json;
    }

    /** What the demo did for one tenant, for the start-up report. */
    public record Seeded(String slug, String displayName, boolean created, int accepted, int refusedBatches) {
    }

    public List<Seeded> seed(int ingestPort) {
        JsonNode manifest = read(MANIFEST);
        List<Seeded> result = new ArrayList<>();
        for (JsonNode entry : manifest.path("tenants")) {
            TenantSlug slug = new TenantSlug(entry.path("slug").asText());
            Optional<Tenant> existing = tenants.find(slug);
            if (existing.isPresent()) {
                result.add(new Seeded(slug.value(), existing.get().displayName(), false, 0, 0));
                continue;
            }
            Tenant tenant = tenants.create(slug, entry.path("displayName").asText(), ZoneId.of(entry.path("timezone").asText("UTC")));
            String key = keys.issue(tenant.id(), "demo replay").secret();
            int accepted = 0;
            int refused = 0;
            for (JsonNode file : entry.path("files")) {
                Replay replay = replay(ingestPort, key, file.path("path").asText(), file.path("source").asText("demo"));
                accepted += replay.accepted();
                refused += replay.refused();
            }
            result.add(new Seeded(slug.value(), tenant.displayName(), true, accepted, refused));
        }
        return result;
    }

    private record Replay(int accepted, int refused) {
    }

    private Replay replay(int port, String key, String path, String source) {
        List<String> lines = new String(readBytes("io/vigil/content/demo/" + path), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList();
        int accepted = 0;
        int refused = 0;
        for (int from = 0; from < lines.size(); from += BATCH_LINES) {
            String batch = String.join("\n", lines.subList(from, Math.min(lines.size(), from + BATCH_LINES))) + "\n";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/v1/events?source=" + source))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(batch)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    accepted += json.readTree(response.body()).path("accepted").asInt();
                } else {
                    refused++;
                    LOG.info("Demo batch from {} refused with {}: {}", path, response.statusCode(), response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("demo replay of " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Replay(accepted, refused);
            }
        }
        return new Replay(accepted, refused);
    }

    private JsonNode read(String resource) {
        try {
            return json.readTree(readBytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable demo resource " + resource, e);
        }
    }

    private static byte[] readBytes(String resource) {
        try (InputStream in = DemoSeeder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("demo resource missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
