package io.vigil.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantStatus;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Load generator for HTTP ingest into the journal: a real {@link HttpIngestServer} on 127.0.0.1 over a
 * real {@link SegmentedJournal} (default configuration: fsync group commit) in a temporary directory,
 * one tenant with a fixed ingest key, a consumer that reads and commits like the pipeline, and N
 * senders posting NDJSON batches of demo telemetry. Prints throughput, latency percentiles, status
 * counts, fsyncs and CPU use, then stops by itself. See docs/benchmarks.md.
 */
public final class HttpIngestLoad {

    private static final String KEY = "vgi_bench_key";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private HttpIngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger exists: the server and the journal log at INFO, which would interleave
        // with the report; warnings and errors still show.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    static int run(LoadOptions options) throws Exception {
        DemoEvents demo = DemoEvents.load();
        Batches batches = new Batches(demo, options.batch(), options.gzip());
        HttpIngestConfig config = new HttpIngestConfig(true, "127.0.0.1", 0, null, null, null, null, null, null);
        if (batches.largestPayloadBytes() > config.maxRequestBytes()) {
            System.err.printf(Locale.ROOT, "--batch %d makes bodies of up to %,d bytes, above the listener's maxRequestBytes %,d%n",
                    options.batch(), batches.largestPayloadBytes(), config.maxRequestBytes());
            return 2;
        }
        boolean temporary = options.directory() == null;
        Path directory = temporary ? Files.createTempDirectory("vigil-bench-journal-") : options.directory();
        if (!temporary && Files.isDirectory(directory)) {
            try (Stream<Path> existing = Files.list(directory)) {
                if (existing.findAny().isPresent()) {
                    System.err.println("--dir " + directory + " is not empty: the check of acknowledged events needs a fresh journal");
                    return 2;
                }
            }
        }
        if (temporary) {
            // Also when the run is interrupted (Ctrl-C, kill): a benchmark must not leave gigabytes behind.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory), "vigil-bench-cleanup"));
        }
        TenantId tenant = TenantId.random();
        IngestPrincipal principal = new IngestPrincipal(tenant, TenantStatus.ACTIVE, "bench-key", "bench");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SegmentedJournal journal = SegmentedJournal.open(JournalConfig.in(directory), Clock.systemUTC());
             JournalDrain drain = new JournalDrain(journal);
             HttpIngestServer server = new HttpIngestServer(config, journal,
                     key -> KEY.equals(key) ? Optional.of(principal) : Optional.empty(),
                     new InMemoryFailureStore(), new StageMetrics(registry), registry, Clock.systemUTC())) {
            drain.start();
            server.start();
            printHeader(options, demo, batches, config, directory);
            return drive(options, batches, journal, drain, server, registry);
        } finally {
            if (temporary) {
                deleteRecursively(directory);
            }
        }
    }

    private static int drive(LoadOptions options, Batches batches, SegmentedJournal journal, JournalDrain drain,
                             HttpIngestServer server, SimpleMeterRegistry registry) throws InterruptedException {
        Window.open(journal, registry); // loads and links what the window's snapshots use, before they count
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/ingest/v1/events");
        long start = System.nanoTime();
        long measureFrom = start + options.warmup().toNanos();
        long end = measureFrom + options.measure().toNanos();
        AtomicLong budget = new AtomicLong(options.maxRequests());
        List<LoadClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            LoadClient client = new LoadClient(http, uri, KEY, options.gzip(), batches,
                    (long) i * batches.count() / options.clients(), measureFrom, end, budget);
            Thread thread = new Thread(client, "vigil-bench-client-" + i);
            thread.setDaemon(true);
            clients.add(client);
            threads.add(thread);
            thread.start();
        }
        sleepUntil(measureFrom);
        Window window = Window.open(journal, registry);
        sleepUntil(end);
        Window.Figures figures = window.close(journal, registry);
        long joinDeadline = end + LoadClient.REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(10);
        for (Thread thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, joinDeadline - System.nanoTime())));
            if (thread.isAlive()) {
                System.err.println("watchdog: " + thread.getName() + " is still busy " + LoadClient.REQUEST_TIMEOUT
                        + " after the end; giving up");
                return 3;
            }
        }
        long appended = journal.stats().nextPosition();
        boolean caughtUp = drain.awaitCommitted(appended, DRAIN_TIMEOUT);
        LoadReport.print(options, clients, figures, appended, caughtUp, drain);
        http.close();
        return 0;
    }

    private static void printHeader(LoadOptions options, DemoEvents demo, Batches batches, HttpIngestConfig config,
                                    Path directory) {
        System.out.println("Vigil HTTP ingest -> journal load test");
        System.out.printf(Locale.ROOT, "  payload  : %d demo events (avg %,d B each), batches of %d events, avg body %,.0f B%s%n",
                demo.size(), demo.totalBytes() / demo.size(), options.batch(), batches.averagePayloadBytes(),
                options.gzip() ? String.format(Locale.ROOT, " (gzip %,.0f B on the wire, ratio %.1f)", batches.averageWireBytes(),
                        batches.averagePayloadBytes() / batches.averageWireBytes()) : "");
        System.out.printf(Locale.ROOT, "  run      : %d clients (HTTP/1.1 keep-alive, closed loop), warm-up %d s, measured %d s, gzip %s, "
                        + "max %,d requests%n", options.clients(), options.warmup().toSeconds(), options.measure().toSeconds(),
                options.gzip(), options.maxRequests());
        System.out.printf(Locale.ROOT, "  server   : 127.0.0.1, %d worker threads, journal %s (defaults: fsync group commit, "
                + "flushInterval 0)%n", config.workerThreads(), directory);
        System.out.println("  host     : " + HostSample.describeHost());
        System.out.printf(Locale.ROOT, "  load avg : %.2f (1 min, before the run)%n", HostSample.loadAverage());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** Best effort while the journal may still be writing: a segment created mid-walk makes one pass fail. */
    private static void deleteQuietly(Path directory) {
        for (int attempt = 1; Files.exists(directory); attempt++) {
            try {
                deleteRecursively(directory);
            } catch (UncheckedIOException e) {
                if (attempt == 10) {
                    System.err.println(e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary journal " + directory, e);
        }
    }

    /** Server-side and host figures at the start of the measured window, turned into deltas at its end. */
    record Window(HostSample host, OptionalLong fsyncs, long appends, double appendNanos) {

        static Window open(SegmentedJournal journal, SimpleMeterRegistry registry) {
            Timer timer = appendTimer(registry);
            return new Window(HostSample.now(), OptionalLong.of(journal.stats().fsyncs()), timer == null ? 0 : timer.count(),
                    timer == null ? 0 : timer.totalTime(TimeUnit.NANOSECONDS));
        }

        Figures close(SegmentedJournal journal, SimpleMeterRegistry registry) {
            HostSample now = HostSample.now();
            Timer timer = appendTimer(registry);
            OptionalLong fsyncsNow = OptionalLong.of(journal.stats().fsyncs());
            OptionalLong fsyncDelta = fsyncs.isPresent() && fsyncsNow.isPresent()
                    ? OptionalLong.of(fsyncsNow.getAsLong() - fsyncs.getAsLong()) : OptionalLong.empty();
            long appendCount = timer == null ? 0 : timer.count() - appends;
            double appendTotal = timer == null ? 0 : timer.totalTime(TimeUnit.NANOSECONDS) - appendNanos;
            return new Figures(fsyncDelta, appendCount == 0 ? Double.NaN : appendTotal / appendCount / 1e6,
                    now.processCores(host), now.machineCores(host), now.stealCores(host), now.gcMillis() - host.gcMillis());
        }

        private static Timer appendTimer(SimpleMeterRegistry registry) {
            return registry.find("vigil.pipeline.stage").tag("phase", Phase.RECEIVE.label()).tag("stage", "http").timer();
        }

        /**
         * @param appendMillis mean time from the journal hand-off to the durable acknowledgement, server side
         * @param machineCores busy cores of the whole machine: this process, others, kernel threads, interrupts
         */
        record Figures(OptionalLong fsyncs, double appendMillis, double processCores, double machineCores,
                       double stealCores, long gcMillis) {
        }
    }
}
