package io.vigil.bench;

import io.vigil.ingest.http.BatchFramer;
import io.vigil.ingest.http.HttpIngestConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTTP listener's framing step on one thread: an NDJSON body of demo events split into events, each
 * checked to be one well-formed JSON object (what a worker thread does for every request before the
 * journal hand-off). {@code frame} is bodies per second; {@code frame:events} and {@code frame:bytes}
 * are events and body bytes per second.
 *
 * <p>{@code BatchFramer} is package-private in {@code io.vigil.ingest.http}; the benchmark reaches it
 * through a private method-handle lookup rather than widening its visibility for a benchmark. A rename
 * there makes this benchmark fail at setup, never the build.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class BatchFramerBenchmark {

    @Param({"1", "50", "500"})
    public int events;

    private BatchFramer framer;
    private byte[] body;

    @Setup(Level.Trial)
    public void build() throws Throwable {
        HttpIngestConfig defaults = HttpIngestConfig.DEFAULTS;
        framer = new BatchFramer(defaults.maxEventBytes(), defaults.maxEventsPerRequest());
        body = DemoEvents.load().ndjson(0, events);
    }

    /** Events and bytes framed, reported by JMH as rates next to the bodies. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counted {

        public long events;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
            bytes = 0;
        }
    }

    @Benchmark
    public List<byte[]> frame(Counted counted) throws BatchFramer.BatchRejected {
        List<byte[]> framed = framer.frame(body, BatchFramer.Format.NDJSON);
        counted.events += framed.size();
        counted.bytes += body.length;
        return framed;
    }
}
