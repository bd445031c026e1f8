package io.vigil.bench;

import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.journal.JournalConfig;
import io.vigil.ingest.journal.SegmentedJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SegmentedJournal#append} until durable, from several threads at once (default 4, {@code -t} to
 * change): each operation appends one batch of demo events and waits for its future, so concurrent
 * appends share fsyncs the way concurrent HTTP requests do. {@code append} is batches per second;
 * {@code append:events} is events per second.
 *
 * <p>No consumer reads: this isolates the append path. So that the backlog limit never trips and the disk
 * use stays bounded, every iteration gets a fresh journal (unlimited backlog) in a temporary directory,
 * deleted after it. Run on the disk you care about: {@code -jvmArgsAppend -Djava.io.tmpdir=/path}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
@Threads(4)
@State(Scope.Benchmark)
public class JournalAppendBenchmark {

    private Path directory;
    private SegmentedJournal journal;

    @Setup(Level.Iteration)
    public void openJournal() throws IOException {
        directory = Files.createTempDirectory("vigil-bench-append-");
        journal = SegmentedJournal.open(new JournalConfig(directory, null, Long.MAX_VALUE, null, null, null),
                Clock.systemUTC());
    }

    @TearDown(Level.Iteration)
    public void deleteJournal() throws IOException {
        journal.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** One thread's batch: demo events from a different starting point per thread, built once. */
    @State(Scope.Thread)
    public static class Batch {

        private static final AtomicInteger THREADS = new AtomicInteger();

        @Param({"1", "50", "500"})
        public int events;

        List<RawEvent> batch;

        @Setup(Level.Trial)
        public void build() {
            DemoEvents demo = DemoEvents.load();
            TenantId tenant = TenantId.random();
            SourceRef source = new SourceRef("http", "bench", "json");
            Instant now = Instant.now();
            long first = THREADS.getAndIncrement() * 97L;
            List<RawEvent> built = new ArrayList<>(events);
            for (int i = 0; i < events; i++) {
                built.add(new RawEvent(tenant, source, now, demo.event(first + i)));
            }
            batch = List.copyOf(built);
        }
    }

    /** Events appended, reported by JMH as a rate next to the batches. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counted {

        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @Benchmark
    public long append(Batch batch, Counted counted) {
        long position = journal.append(batch.batch).join();
        counted.events += batch.batch.size();
        return position;
    }
}
