package io.vigil.server.hunt;

import io.vigil.sigma.Detection;
import io.vigil.sigma.event.EventFields;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Scans log files with a rule set. The calling thread reads and decodes. With one thread it also evaluates each event
 * as soon as it is decoded; with more, batches of events are evaluated on a bounded pool and their findings are
 * written back on the calling thread in submission order. Either way the output is the same: files in the given
 * order, events in file order, rules in load order. At most {@code 2 × threads} batches are in flight, which bounds
 * memory. Correlation rules ({@link HuntCorrelations}) see each event's detections as they are written, so in input
 * order too.
 */
public final class Hunt {

    /**
     * @param threads        evaluation threads (1 evaluates on the reading thread)
     * @param batchSize      events per evaluation task
     * @param maxRecordBytes longest line, or largest JSON document element, accepted
     */
    public record Settings(int threads, int batchSize, int maxRecordBytes) {

        public static final int DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

        public Settings {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be between 1 and 256");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be positive");
            }
            if (maxRecordBytes < 1024) {
                throw new IllegalArgumentException("the record limit must be at least 1024 bytes");
            }
        }

        public static Settings defaults() {
            return new Settings(Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 16)), 256,
                    DEFAULT_MAX_RECORD_BYTES);
        }
    }

    private record Scanned(String file, long line, java.util.Map<String, Object> event) {
    }

    /** @param cpuNanos CPU time of a pool thread spent on the batch; 0 when evaluated on the reading thread */
    private record Evaluated(List<Finding> findings, long eventsWithDetections, long cpuNanos) {
        Evaluated withoutCpu() {
            return new Evaluated(findings, eventsWithDetections, 0);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    /** Rules behind routing and a candidate index, or every rule on every event: the command decides. */
    private final Function<EventFields, List<Detection>> rules;
    private final Settings settings;
    private final AttackTactics tactics;
    private final Clock clock;
    /** Null when the hunt has no correlation rules: every detection is reported as found. */
    private final HuntCorrelations correlations;

    public Hunt(Function<EventFields, List<Detection>> rules, Settings settings, AttackTactics tactics, Clock clock) {
        this(rules, null, settings, tactics, clock);
    }

    /** @param correlations the hunt's correlation rules and what of the detections to report; null for none */
    public Hunt(Function<EventFields, List<Detection>> rules, HuntCorrelations correlations, Settings settings,
            AttackTactics tactics, Clock clock) {
        this.rules = rules;
        this.correlations = correlations;
        this.settings = settings;
        this.tactics = tactics;
        this.clock = clock;
    }

    public HuntStats run(List<LogInput> inputs, FindingWriter writer, HuntProgress progress) throws IOException {
        Instant start = clock.instant();
        long cpuStart = threadCpu();
        HuntStats stats = new HuntStats(tactics);
        ExecutorService pool = settings.threads() > 1 ? Executors.newFixedThreadPool(settings.threads(), daemons())
                : null;
        HuntCorrelations.Scan scan = correlations == null ? null : correlations.start();
        try {
            new Run(stats, writer, progress, pool, scan).all(inputs);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            progress.done();
        }
        writer.flush();
        if (scan != null) {
            stats.correlationStats(scan.stats(), scan.untimed());
        }
        stats.elapsed(Duration.between(start, clock.instant()));
        if (CPU_TIME) {
            stats.cpu(Duration.ofNanos(stats.cpu().toNanos() + threadCpu() - cpuStart));
        }
        return stats;
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "vigil-hunt-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static long threadCpu() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private Evaluated evaluate(List<Scanned> batch) {
        long cpuStart = threadCpu();
        List<Finding> findings = new ArrayList<>();
        long hits = 0;
        for (Scanned scanned : batch) {
            List<Detection> detections = rules.apply(HuntEventShapes.fields(scanned.event()));
            if (!detections.isEmpty()) {
                hits++;
                var time = HuntEventShapes.time(scanned.event());
                for (Detection detection : detections) {
                    findings.add(new Finding(detection, scanned.file(), scanned.line(), time, scanned.event()));
                }
            }
        }
        return new Evaluated(findings, hits, threadCpu() - cpuStart);
    }

    /** The state of one run, confined to the reading thread. */
    private final class Run {
        private final HuntStats stats;
        private final FindingWriter writer;
        private final HuntProgress progress;
        private final ExecutorService pool;
        private final HuntCorrelations.Scan correlations;
        private final Deque<Future<Evaluated>> inFlight = new ArrayDeque<>();
        private final LogReader reader = new LogReader(settings.maxRecordBytes());
        private List<Scanned> batch = new ArrayList<>();
        private long bytesBefore;

        Run(HuntStats stats, FindingWriter writer, HuntProgress progress, ExecutorService pool,
                HuntCorrelations.Scan correlations) {
            this.stats = stats;
            this.writer = writer;
            this.progress = progress;
            this.pool = pool;
            this.correlations = correlations;
        }

        void all(List<LogInput> inputs) throws IOException {
            try {
                for (LogInput input : inputs) {
                    file(input);
                }
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            submit();
            while (!inFlight.isEmpty()) {
                drain();
            }
        }

        private void file(LogInput input) throws IOException {
            String name = input.path().toString();
            stats.file(input);
            CountingInputStream counted;
            try {
                counted = new CountingInputStream(Files.newInputStream(input.path()));
            } catch (IOException e) {
                stats.malformed(name, 1, "unreadable: " + e.getMessage());
                stats.stopped(name);
                bytesBefore += input.size();
                return;
            }
            try (InputStream closing = counted) {
                LogReader.Outcome outcome = reader.read(closing, input, record -> {
                    switch (record) {
                        case LogRecord.Decoded decoded -> {
                            stats.event();
                            accept(new Scanned(name, decoded.line(), decoded.event()));
                        }
                        case LogRecord.Malformed malformed -> stats.malformed(name, malformed.line(), malformed.reason());
                    }
                    progress.update(bytesBefore + counted.count(), stats.events(), stats.detections());
                });
                if (outcome == LogReader.Outcome.STOPPED) {
                    stats.stopped(name);
                }
            }
            bytesBefore += input.size();
            progress.update(bytesBefore, stats.events(), stats.detections());
        }

        /**
         * Without a pool an event is evaluated as soon as it is decoded, while its maps are still in the processor's
         * cache (a batch of 256 decoded events would have pushed the first ones out); with one it joins the batch.
         */
        private void accept(Scanned scanned) {
            try {
                if (pool == null) {
                    write(evaluate(List.of(scanned)).withoutCpu()); // the reading thread's CPU is measured whole
                } else {
                    batch.add(scanned);
                    if (batch.size() >= settings.batchSize()) {
                        submit();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void submit() throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            List<Scanned> full = batch;
            batch = new ArrayList<>(settings.batchSize());
            Callable<Evaluated> task = () -> evaluate(full);
            inFlight.add(pool.submit(task));
            while (inFlight.size() > 2 * settings.threads()) {
                drain();
            }
        }

        private void drain() throws IOException {
            Future<Evaluated> next = inFlight.poll();
            try {
                write(next.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("hunt interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("rule evaluation failed", e.getCause());
            }
        }

        private void write(Evaluated evaluated) throws IOException {
            stats.cpu(stats.cpu().plusNanos(evaluated.cpuNanos()));
            if (correlations == null) {
                stats.eventsWithDetections(evaluated.eventsWithDetections());
                for (Finding finding : evaluated.findings()) {
                    stats.detection(finding.detection());
                    writer.write(finding);
                }
                return;
            }
            // An event's findings are consecutive: its detections go to the correlations together, in input order.
            List<Finding> findings = evaluated.findings();
            for (int first = 0, next; first < findings.size(); first = next) {
                Finding event = findings.get(first);
                next = first + 1;
                while (next < findings.size() && findings.get(next).event() == event.event()) {
                    next++;
                }
                List<Detection> detections = findings.subList(first, next).stream().map(Finding::detection).toList();
                HuntCorrelations.Outcome outcome = correlations.accept(detections, event.event(), event.eventTime(),
                        event.file(), event.line());
                if (!outcome.reported().isEmpty()) {
                    stats.eventsWithDetections(1);
                }
                for (Detection detection : outcome.reported()) {
                    stats.detection(detection);
                    writer.write(new Finding(detection, event.file(), event.line(), event.eventTime(), event.event()));
                }
                for (CorrelationFinding fired : outcome.fired()) {
                    stats.correlation(fired);
                    writer.write(fired);
                }
            }
        }
    }
}
