package io.vigil.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.ingest.admission.AdmissionConfig;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.ingest.http.HttpIngestConfig;
import io.vigil.ingest.http.HttpIngestServer;
import io.vigil.ingest.http.IngestPrincipal;
import io.vigil.ingest.journal.JournalConfig;
import io.vigil.ingest.journal.SegmentedJournal;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.testkit.InMemoryFailureStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The noisy-tenant scenario: a steady tenant sends batches of 20 events every 100 ms (200 events/s) and measures
 * each request's latency until 202 (durable in the journal), while a noisy tenant floods from several closed-loop
 * clients with batches of 500 events, far over its rate. Three runs on a real {@link HttpIngestServer} over a real
 * {@link SegmentedJournal} with a draining consumer: steady alone, flood without admission, flood with per-tenant
 * admission (2,000 events/s, burst 4,000 per tenant). Prints the steady tenant's latency percentiles and statuses,
 * and the noisy tenant's admitted and refused events. Stops by itself. See docs/sources.md and docs/benchmarks.md.
 *
 * <p>Usage: {@code java -cp vigil-bench/target/benchmarks.jar io.vigil.bench.NoisyTenantLoad [seconds] [noisy-clients]}
 */
public final class NoisyTenantLoad {

    private static final String NOISY_KEY = "vgi_noisy";
    private static final String STEADY_KEY = "vgi_steady";

    private NoisyTenantLoad() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int noisyClients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        if (seconds < 1 || seconds > 600 || noisyClients < 1 || noisyClients > 64) {
            System.err.println("usage: NoisyTenantLoad [seconds 1-600, default 20] [noisy-clients 1-64, default 4]");
            System.exit(2);
        }
        System.out.println("Vigil noisy-tenant load: steady tenant 20 events every 100 ms; noisy tenant " + noisyClients
                + " closed-loop clients x 500-event batches; " + seconds + " s per run");
        System.out.println("  host     : " + HostSample.describeHost());
        run("warm-up (JIT; not a figure)", 5, noisyClients, new AdmissionConfig(true, 2000.0, 4000L));
        run("steady alone", seconds, 0, null);
        run("flood, no admission", seconds, noisyClients, null);
        run("flood, admission 2000/s burst 4000", seconds, noisyClients, new AdmissionConfig(true, 2000.0, 4000L));
        System.exit(0);
    }

    private static void run(String label, int seconds, int noisyClients, AdmissionConfig admission) throws Exception {
        Path directory = Files.createTempDirectory("vigil-bench-noisy-");
        TenantId noisy = TenantId.random();
        TenantId steady = TenantId.random();
        Map<String, IngestPrincipal> keys = Map.of(
                NOISY_KEY, new IngestPrincipal(noisy, TenantStatus.ACTIVE, "k-noisy", "noisy"),
                STEADY_KEY, new IngestPrincipal(steady, TenantStatus.ACTIVE, "k-steady", "steady"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpIngestConfig config = new HttpIngestConfig(true, "127.0.0.1", 0, null, null, null, null, null, null);
        TenantAdmission tenantAdmission = admission == null ? null : new TenantAdmission(admission, registry);
        try (SegmentedJournal journal = SegmentedJournal.open(JournalConfig.in(directory), Clock.systemUTC());
             JournalDrain drain = new JournalDrain(journal);
             HttpIngestServer server = new HttpIngestServer(config, journal, key -> Optional.ofNullable(keys.get(key)),
                     new InMemoryFailureStore(), new StageMetrics(registry), registry, Clock.systemUTC(), tenantAdmission, null)) {
            drain.start();
            server.start();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/ingest/v1/events");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            Map<Integer, AtomicLong> noisyStatuses = new ConcurrentHashMap<>();
            List<Thread> flooders = new ArrayList<>();
            String flood = body("flood", 500);
            for (int i = 0; i < noisyClients; i++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        int status = post(http, uri, NOISY_KEY, flood);
                        noisyStatuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    }
                }, "vigil-bench-noisy-" + i);
                thread.setDaemon(true);
                thread.start();
                flooders.add(thread);
            }
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Map<Integer, AtomicLong> steadyStatuses = new ConcurrentHashMap<>();
            String steadyBody = body("steady", 20);
            long next = System.nanoTime();
            while (next < end) {
                long start = System.nanoTime();
                int status = post(http, uri, STEADY_KEY, steadyBody);
                latencies.add(System.nanoTime() - start);
                steadyStatuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                next += Duration.ofMillis(100).toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
            for (Thread thread : flooders) {
                thread.join(Duration.ofSeconds(60));
            }
            http.close();
            report(label, seconds, latencies, steadyStatuses, noisyStatuses);
        } finally {
            delete(directory);
        }
    }

    private static void report(String label, int seconds, List<Long> latencies, Map<Integer, AtomicLong> steady,
                               Map<Integer, AtomicLong> noisy) {
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(Comparator.naturalOrder());
        long noisyAccepted = noisy.getOrDefault(202, new AtomicLong()).get() * 500;
        long noisyRefused = noisy.getOrDefault(429, new AtomicLong()).get() * 500;
        System.out.printf(Locale.ROOT, "%-36s steady: %d requests %s, latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f | "
                        + "noisy: %,d events/s admitted, %,d events/s refused, statuses %s%n",
                label, sorted.size(), counts(steady), ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.getLast() / 1e6, noisyAccepted / seconds, noisyRefused / seconds, counts(noisy));
    }

    private static String counts(Map<Integer, AtomicLong> statuses) {
        return new java.util.TreeMap<>(statuses).toString();
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private static String body(String kind, int events) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < events; i++) {
            body.append("{\"kind\":\"").append(kind).append("\",\"n\":").append(i)
                    .append(",\"msg\":\"user alice logged in from 203.0.113.7 via sshd on host web-01\"}\n");
        }
        return body.toString();
    }

    private static int post(HttpClient http, URI uri, String key, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -2;
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
