package io.vigil.bench;

import io.vigil.ingest.http.HttpIngestConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class BatchFramerBenchmark {

    private static final String FRAMER = "io.vigil.ingest.http.BatchFramer";
    /** {@code (BatchFramer, byte[], Format) -> List}; static final so that the JIT treats it as a constant. */
    private static final MethodHandle FRAME;
    private static final MethodHandle NEW_FRAMER;
    private static final Object NDJSON;

    static {
        try {
            Class<?> framerClass = Class.forName(FRAMER);
            Class<?> formatClass = Class.forName(FRAMER + "$Format");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(framerClass, MethodHandles.lookup());
            NEW_FRAMER = lookup.findConstructor(framerClass, MethodType.methodType(void.class, int.class, int.class))
                    .asType(MethodType.methodType(Object.class, int.class, int.class));
            FRAME = lookup.findVirtual(framerClass, "frame", MethodType.methodType(List.class, byte[].class, formatClass))
                    .asType(MethodType.methodType(List.class, Object.class, byte[].class, Object.class));
            NDJSON = formatClass.getField("NDJSON").get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("BatchFramer changed; adapt BatchFramerBenchmark: " + e);
        }
    }

    @Param({"1", "50", "500"})
    public int events;

    private Object framer;
    private byte[] body;

    @Setup(Level.Trial)
    public void build() throws Throwable {
        HttpIngestConfig defaults = HttpIngestConfig.DEFAULTS;
        framer = (Object) NEW_FRAMER.invokeExact((int) defaults.maxEventBytes(), (int) defaults.maxEventsPerRequest());
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
    public List<?> frame(Counted counted) throws Throwable {
        List<?> framed = (List<?>) FRAME.invokeExact(framer, body, NDJSON);
        counted.events += framed.size();
        counted.bytes += body.length;
        return framed;
    }
}
