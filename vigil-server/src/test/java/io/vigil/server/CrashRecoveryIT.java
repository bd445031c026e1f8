package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a real server process is killed with SIGKILL while a client streams batches into it. After a
 * restart on the same data directory, every event that was acknowledged with 202 has been processed, and
 * none twice.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int BATCH = 50;

    @TempDir
    Path dataDir;

    private final int apiPort = freePort();
    private final int ingestPort = freePort();
    private Process server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.destroyForcibly();
        }
        // Keep the servers' logs where a failed build can be diagnosed.
        Path logs = Path.of("target", "crash-recovery-logs");
        Files.createDirectories(logs);
        try (var files = Files.list(dataDir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void everyAcknowledgedEventIsProcessedExactlyOnceAfterKillDashNine() throws Exception {
        server = start("first");
        String key = setUpTenant();

        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = new Thread(() -> stream(key, acknowledged, sending), "crash-test-sender");
        sender.start();
        awaitCondition("acknowledged batches before the kill", Duration.ofSeconds(60), () -> acknowledged.size() >= 40 * BATCH);

        server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        server.waitFor();
        sender.join(30_000);
        sending.set(false);
        int acked = acknowledged.size();
        assertThat(acked).isGreaterThanOrEqualTo(40 * BATCH);

        server = start("second");
        try {
            awaitCondition("all acknowledged events processed after restart", Duration.ofSeconds(90),
                    () -> processedSequences().keySet().containsAll(acknowledged));
        } catch (AssertionError e) {
            Set<Integer> missing = new java.util.TreeSet<>(acknowledged);
            missing.removeAll(processedSequences().keySet());
            throw new AssertionError(missing.size() + " of " + acked + " acknowledged events missing, first "
                    + missing.stream().limit(20).toList(), e);
        }
        Map<Integer, Integer> processed = processedSequences();
        assertThat(processed.keySet()).containsAll(acknowledged);
        assertThat(processed.values()).as("no event is processed twice").allMatch(count -> count == 1);
        // The event store too: committed before the journal position, rewritten by id on replay.
        awaitCondition("all acknowledged events in the event store", Duration.ofSeconds(90),
                () -> storedSequences().keySet().containsAll(acknowledged));
        assertThat(storedSequences().values()).as("no event is stored twice").allMatch(count -> count == 1);
    }

    private Map<Integer, Integer> storedSequences() {
        Map<Integer, Integer> counts = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/tenants/crash-test/search?from=now-1d&to=now&order=oldest&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            if (page == null) {
                return Map.of();
            }
            page.get("events").forEach(e -> counts.merge(e.get("fields").get("seq").asInt(), 1, Integer::sum));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return counts;
    }

    private void stream(String key, Set<Integer> acknowledged, AtomicBoolean sending) {
        int next = 0;
        while (sending.get()) {
            StringBuilder batch = new StringBuilder();
            List<Integer> sequences = new ArrayList<>();
            for (int i = 0; i < BATCH; i++, next++) {
                sequences.add(next);
                batch.append("{\"seq\":").append(next).append(",\"host\":\"sensor-1\",\"message\":\"reading ")
                        .append(next).append("\"}\n");
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + ingestPort + "/ingest/v1/events"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    acknowledged.addAll(sequences);
                }
            } catch (IOException e) {
                return; // the server died: what was not acknowledged may or may not have arrived
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Map<Integer, Integer> processedSequences() {
        Map<Integer, Integer> counts = new HashMap<>();
        Long before = null;
        do {
            JsonNode page = get("/api/v1/tenants/crash-test/events?limit=1000" + (before == null ? "" : "&before=" + before));
            if (page == null) {
                return Map.of();
            }
            page.get("items").forEach(item -> counts.merge(item.get("fields").get("seq").asInt(), 1, Integer::sum));
            before = page.path("nextBefore").isNumber() ? page.get("nextBefore").asLong() : null;
        } while (before != null);
        return counts;
    }

    private String setUpTenant() {
        post("/api/v1/platform/tenants", Map.of("slug", "crash-test", "displayName", "Crash Test", "timezone", "UTC"));
        return post("/api/v1/tenants/crash-test/ingest-keys", Map.of("label", "stream")).get("secret").asText();
    }

    private Process start(String run) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.vigil.server.cli.VigilCli", "serve", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(apiPort), "--ingest-port", Integer.toString(ingestPort));
        builder.environment().put("VIGIL_SERVER_BOOTSTRAPTOKEN", ServerTestSupport.ADMIN_TOKEN);
        builder.environment().put("VIGIL_RECENTEVENTS_CAPACITYPERTENANT", "1000000");
        builder.environment().put("VIGIL_PIPELINE_BATCHSIZE", "20");
        builder.environment().put("VIGIL_INGEST_HTTP_BINDADDRESS", "127.0.0.1");
        // the test audit sink, as in every other IT (spring.main.sources adds a configuration class)
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("server-" + run + ".log").toFile());
        Process process = builder.start();
        awaitCondition("server " + run + " ready (log: " + dataDir.resolve("server-" + run + ".log") + ")",
                Duration.ofSeconds(90), () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("server exited: " + readLog(run));
                    }
                    return status("/actuator/health/readiness") == 200;
                });
        return process;
    }

    private String readLog(String run) {
        try {
            return Files.readString(dataDir.resolve("server-" + run + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + ServerTestSupport.ADMIN_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private JsonNode post(String path, Object body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + ServerTestSupport.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitCondition(String what, Duration limit, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
