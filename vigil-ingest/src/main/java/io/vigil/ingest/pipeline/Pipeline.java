package io.vigil.ingest.pipeline;

import io.vigil.core.error.TemporaryException;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.RawEvent;
import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.EventStage;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.FailureStore;
import io.vigil.core.pipeline.Output;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.pipeline.StageContext;
import io.vigil.core.pipeline.StageResult;
import io.vigil.ingest.decode.Decoders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal and drives every entry through decode → normalize → enrich → detect → outputs.
 *
 * <p>Delivery: a journal position is committed only after every output and the failure store have
 * written and flushed (made durable) everything before it. Commits happen after each batch once the
 * pipeline has caught up, and at most every {@link PipelineConfig#commitInterval()} while it is behind,
 * so the cost of syncing is paid once per interval, not once per batch. After a crash the uncommitted tail is replayed; event ids are derived from journal positions,
 * so idempotent outputs end up with each event exactly once. A write that fails with a
 * {@link TemporaryException} is retried with capped exponential backoff and never skipped: the journal's
 * back-pressure then slows the senders. Any other failure of an output is taken as a poison event: the
 * batch is written event by event and the events that still fail go to the failure store, so one bad
 * event never stops the pipeline.
 *
 * <p>Threads: one thread reads the journal and runs everything in journal order, except decoding. A batch's
 * entries are first decoded together on {@link PipelineConfig#decodeParallelism()} threads (this one included) by
 * a {@link BatchDecoder}, which returns the results in entry order and keeps a source's events in order where a
 * decoder learns from them; the stages, outputs, failure store and commits then run on this thread exactly as
 * they would after decoding one entry at a time. Stages therefore need not be thread-safe; decoders must be.
 */
public final class Pipeline implements AutoCloseable {

    public static final String CONSUMER = "pipeline";
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineConfig config;
    private final Journal journal;
    private final Decoders decoders;
    private final BatchDecoder decoding;
    private final List<EventStage> stages;
    private final List<Output> outputs;
    private final FailureStore failures;
    private final StageMetrics metrics;
    private final Clock clock;
    private final Thread thread;
    private final io.micrometer.core.instrument.Counter unstorable;
    private volatile JournalReader reader;
    private volatile boolean running;
    private volatile boolean stopping;
    private long uncommitted = -1;
    private long lastCommitNanos = System.nanoTime();
    private volatile Instant failingSince;
    private volatile String lastError;

    public Pipeline(PipelineConfig config, Journal journal, Decoders decoders, List<EventStage> stages,
                    List<Output> outputs, FailureStore failures, StageMetrics metrics, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.decoders = Objects.requireNonNull(decoders, "decoders");
        this.stages = stages.stream().sorted(Comparator.comparing(EventStage::phase)).toList();
        for (EventStage stage : this.stages) {
            if (stage.phase().compareTo(Phase.NORMALIZE) < 0 || stage.phase().compareTo(Phase.DETECT) > 0) {
                throw new IllegalArgumentException("stage " + stage.name() + " must run in normalize, enrich or detect, not "
                        + stage.phase().label());
            }
        }
        this.outputs = List.copyOf(outputs);
        this.failures = Objects.requireNonNull(failures, "failures");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.unstorable = metrics.unstorableFailures();
        this.decoding = new BatchDecoder(decoders, config.decodeParallelism());
        this.thread = new Thread(this::run, "vigil-pipeline");
        this.thread.setDaemon(true);
    }

    /** The stages in the order they run, for documentation and health pages. */
    public List<String> describe() {
        List<String> names = new ArrayList<>();
        names.add(Phase.DECODE.label() + ":" + String.join("|", decoders.codecs()));
        stages.forEach(stage -> names.add(stage.phase().label() + ":" + stage.name()));
        outputs.forEach(output -> names.add(Phase.OUTPUT.label() + ":" + output.name()));
        return names;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        openReader();
        running = true;
        thread.start();
        LOG.info("Pipeline started at journal position {} ({} decode threads): {}", reader.committed(),
                decoding.threads(), describe());
    }

    private synchronized void openReader() {
        if (reader == null) {
            StageContext context = new StageContext(clock);
            stages.forEach(stage -> stage.init(context));
            reader = journal.reader(CONSUMER);
        }
    }

    private synchronized void reopenReader() {
        uncommitted = -1; // written but not committed: re-read and rewritten, idempotently
        reader.close();
        reader = journal.reader(CONSUMER);
    }

    /** Polls and processes one batch on the caller's thread; for tests that drive the pipeline step by step. */
    void runOnce() throws InterruptedException {
        openReader();
        List<JournalEntry> batch = reader.poll(config.batchSize(), config.pollWait());
        if (!batch.isEmpty()) {
            process(batch);
        }
    }

    public PipelineHealth health() {
        JournalReader current = reader;
        return new PipelineHealth(running && thread.isAlive(), current == null ? 0 : current.committed(),
                failingSince, lastError);
    }

    private void run() {
        try {
            loop();
        } finally {
            // An interrupt flag would make the offset file's channel close under the final commit.
            boolean interrupted = Thread.interrupted();
            try {
                commit(); // what was written need not be replayed after a clean stop
            } catch (InterruptedException | RuntimeException e) {
                LOG.warn("Final journal commit at stop failed; the last batches will be replayed: {}", e.toString());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                List<JournalEntry> batch = reader.poll(config.batchSize(), config.pollWait());
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // process() handles every per-event failure, so this is a bug or a broken failure store.
                // Nothing of the batch was committed: read again from the committed position and retry.
                LOG.error("Pipeline batch failed; re-reading from journal position {}", reader.committed(), e);
                lastError = "pipeline: " + e;
                pause(Duration.ofSeconds(1));
                reopenReader();
            }
        }
    }

    /** Processes one batch and commits it; package-private so tests can drive it synchronously. */
    void process(List<JournalEntry> batch) throws InterruptedException {
        openReader();
        List<Event> processed = new ArrayList<>(batch.size());
        List<Failure> failed = new ArrayList<>();
        List<BatchDecoder.Outcome> decoded = decoding.decode(batch);
        for (int i = 0; i < batch.size(); i++) {
            JournalEntry entry = batch.get(i);
            if (entry.isCorrupt()) {
                // A corrupt record cannot be attributed to a tenant: its tenant id is part of the
                // damaged bytes. The journal quarantines it and counts it; operators see it there.
                LOG.warn("Journal record at position {} is corrupt: {}", entry.position(), entry.corruption());
                continue;
            }
            processEntry(entry, decoded.get(i), processed::add, failed::add);
        }
        for (Output output : outputs) {
            writeOutput(output, processed, failed);
        }
        if (!failed.isEmpty()) {
            recordFailures(failed);
        }
        uncommitted = batch.getLast().position() + 1;
        boolean caughtUp = batch.size() < config.batchSize();
        if (caughtUp || System.nanoTime() - lastCommitNanos >= config.commitInterval().toNanos()) {
            commit();
        }
    }

    /** Flushes every output and the failure store, then commits the journal position they now cover. */
    private void commit() throws InterruptedException {
        if (uncommitted < 0) {
            return;
        }
        for (Output output : outputs) {
            writeWithRetry(output.name(), output::flush);
        }
        writeWithRetry("failure-store", failures::flush);
        long position = uncommitted;
        // A full disk refuses the offset file too: retry in place rather than re-read and re-write the batch.
        writeWithRetry("journal-commit", () -> reader.commit(position));
        uncommitted = -1;
        lastCommitNanos = System.nanoTime();
    }

    /** The rest of an entry's way once it is decoded: metrics, failures, and each event through the stages. */
    private void processEntry(JournalEntry entry, BatchDecoder.Outcome decoded, Consumer<Event> out,
                              Consumer<Failure> failed) {
        RawEvent raw = entry.event();
        String codec = decoded.codec();
        StageMetrics.Meters decodeMeters = metrics.of(Phase.DECODE, codec, raw.tenant());
        decodeMeters.in().increment();
        if (decoded.decoderFound()) {
            decodeMeters.recordNanos(decoded.nanos());
        }
        switch (decoded.result()) {
            case DecodeResult.Failed f -> {
                decodeMeters.failed().increment();
                failed.accept(failure(raw, EventId.of(journal.id(), entry.position(), -1), Phase.DECODE, codec, f.reason()));
            }
            case DecodeResult.Skipped s -> decodeMeters.dropped().increment();
            case DecodeResult.Decoded d -> {
                decodeMeters.out().increment(d.events().size());
                for (DecodeResult.Rejected rejected : d.rejected()) {
                    decodeMeters.failed().increment();
                    failed.accept(new Failure(EventId.of(journal.id(), entry.position(), -1), raw.tenant(), raw.source(),
                            Phase.DECODE, codec, rejected.reason(), raw.receivedAt(), clock.instant(), rejected.bytes()));
                }
                int index = 0;
                for (Map<String, Object> fields : d.events()) {
                    Event event = new Event(EventId.of(journal.id(), entry.position(), index++), raw.tenant(),
                            raw.source(), raw.receivedAt(), raw.receivedAt(), fields, Map.of(), raw.bytes());
                    runStages(event, out, failed);
                }
            }
        }
    }

    private void runStages(Event event, Consumer<Event> out, Consumer<Failure> failed) {
        Event current = event;
        for (EventStage stage : stages) {
            StageMetrics.Meters meters = metrics.of(stage.phase(), stage.name(), current.tenant());
            meters.in().increment();
            long start = System.nanoTime();
            StageResult result;
            try {
                result = stage.process(current);
            } catch (RuntimeException e) {
                result = new StageResult.Failed("stage " + stage.name() + " threw " + e);
            }
            meters.recordNanos(System.nanoTime() - start);
            switch (result) {
                case StageResult.Continue c -> {
                    meters.out().increment();
                    current = c.event();
                }
                case StageResult.Dropped d -> {
                    meters.dropped().increment();
                    return;
                }
                case StageResult.Failed f -> {
                    meters.failed().increment();
                    failed.accept(new Failure(current.id(), current.tenant(), current.source(), stage.phase(),
                            stage.name(), f.reason(), current.receivedAt(), clock.instant(), current.raw()));
                    return;
                }
            }
        }
        out.accept(current);
    }

    /**
     * The failure store is the last resort: temporary failures are retried; a failure it refuses for good
     * (one by one, to isolate it) is logged with its identity and counted in
     * {@code vigil.pipeline.failures.unstorable}, and the pipeline goes on.
     */
    private void recordFailures(List<Failure> batch) throws InterruptedException {
        try {
            writeWithRetry("failure-store", () -> failures.record(batch));
        } catch (RuntimeException refused) {
            for (Failure failure : batch) {
                try {
                    writeWithRetry("failure-store", () -> failures.record(List.of(failure)));
                } catch (RuntimeException e) {
                    unstorable.increment();
                    LOG.error("The failure store refused failure {} of tenant {} ({} at {}/{}); {} raw bytes not kept: {}",
                            failure.id(), failure.tenant(), failure.reason(), failure.phase().label(), failure.stage(),
                            failure.raw().length, e.toString());
                }
            }
        }
    }

    /**
     * Writes events to one output, retrying temporary failures. When the output refuses the batch for any
     * other reason, the events are written one by one and those it still refuses become failures.
     */
    private void writeOutput(Output output, List<Event> events, List<Failure> failed) throws InterruptedException {
        if (events.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            writeWithRetry(output.name(), () -> output.write(events));
        } catch (RuntimeException refused) {
            if (events.size() == 1) {
                Event event = events.getFirst();
                metrics.of(Phase.OUTPUT, output.name(), event.tenant()).failed().increment();
                failed.add(new Failure(event.id(), event.tenant(), event.source(), Phase.OUTPUT, output.name(),
                        "output " + output.name() + " refused the event: " + refused, event.receivedAt(),
                        clock.instant(), event.raw()));
                return;
            }
            LOG.warn("Output {} refused a batch of {} events ({}); writing them one by one", output.name(),
                    events.size(), refused.toString());
            for (Event event : events) {
                writeOutput(output, List.of(event), failed);
            }
            return;
        }
        long elapsed = System.nanoTime() - start;
        // Attribute the batch's time to each tenant in it; counts are per event.
        events.stream().collect(java.util.stream.Collectors.groupingBy(Event::tenant, java.util.stream.Collectors.counting()))
                .forEach((tenant, count) -> {
                    StageMetrics.Meters meters = metrics.of(Phase.OUTPUT, output.name(), tenant);
                    meters.in().increment(count);
                    meters.out().increment(count);
                    meters.recordNanos(elapsed);
                });
    }

    private void writeWithRetry(String target, Runnable write) throws InterruptedException {
        Duration wait = Duration.ofMillis(100);
        while (true) {
            try {
                write.run();
                if (failingSince != null) {
                    LOG.info("{} recovered after failing since {}", target, failingSince);
                    failingSince = null;
                }
                return;
            } catch (TemporaryException e) {
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                lastError = target + ": " + e;
                LOG.warn("Writing to {} failed, retrying in {} ms: {}", target, wait.toMillis(), e.toString());
                if (stopping) {
                    throw new InterruptedException("pipeline stopping while " + target + " fails");
                }
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(config.maxRetryWait()) > 0 ? config.maxRetryWait() : wait.multipliedBy(2);
            }
        }
    }

    private Failure failure(RawEvent raw, EventId id, Phase phase, String stage, String reason) {
        return new Failure(id, raw.tenant(), raw.source(), phase, stage, reason, raw.receivedAt(), clock.instant(), raw.bytes());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (!running) {
            decoding.close();
            return;
        }
        running = false;
        stopping = true;
        try {
            // Let the loop notice 'running' at its next poll timeout; interrupting a thread inside
            // FileChannel I/O would close the journal's channel under it.
            thread.join(config.pollWait().toMillis() + 5_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        decoding.close();
        stages.forEach(EventStage::close);
        outputs.forEach(Output::close);
        if (reader != null) {
            reader.close();
        }
    }
}
