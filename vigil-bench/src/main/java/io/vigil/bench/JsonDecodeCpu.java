package io.vigil.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vigil.ingest.decode.JsonObjectReader;
import io.vigil.sigma.event.EventFieldsFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What decoding a JSON event line costs, in CPU nanoseconds of the calling thread per event, two ways: Jackson's data
 * binding to {@code Map<String, Object>} ({@code LinkedHashMap}s) and {@link JsonObjectReader} (a streaming parse into
 * {@code JsonObjectMap}s), each alone and followed by listing the event's Sigma fields as a hunt does first. The
 * four take turns within each round, so that a shared machine's load falls on all of them; the first quarter of
 * the rounds is warm-up. Prints the minimum and median of the remaining rounds.
 * <p>
 * {@code java -cp vigil-bench/target/benchmarks.jar io.vigil.bench.JsonDecodeCpu <folder of .jsonl> [rounds=40]}
 */
public final class JsonDecodeCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int PASSES = 8;
    private static final String[] WAYS = {"jackson-map", "object-reader", "jackson-map+fields", "object-reader+fields"};

    private JsonDecodeCpu() {
    }

    public static void main(String[] args) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        JsonFactory factory = new JsonFactory();
        ObjectReader jackson = new ObjectMapper(factory).readerFor(Map.class);
        JsonObjectReader reader = new JsonObjectReader(Integer.MAX_VALUE, 200);
        double[][] nanos = new double[WAYS.length][rounds];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int way = 0; way < WAYS.length; way++) {
                long start = THREADS.getCurrentThreadCpuTime();
                for (int pass = 0; pass < PASSES; pass++) {
                    for (byte[] line : lines) {
                        Map<String, Object> event;
                        if (way % 2 == 0) {
                            event = jackson.readValue(line);
                        } else {
                            try (JsonParser parser = factory.createParser(line)) {
                                parser.nextToken();
                                event = reader.object(parser);
                            }
                        }
                        sink += event.size();
                        if (way >= 2) {
                            sink += EventFieldsFactory.of(event).forEachField((name, value) -> { }) ? 1 : 0;
                        }
                    }
                }
                nanos[way][round] = (THREADS.getCurrentThreadCpuTime() - start) / ((double) PASSES * lines.size());
            }
        }
        System.out.printf("%,d events, %d rounds (first %d warm-up), CPU ns per event (sink %d)%n", lines.size(),
                rounds, rounds / 4, sink);
        for (int way = 0; way < WAYS.length; way++) {
            double[] measured = Arrays.copyOfRange(nanos[way], rounds / 4, rounds);
            Arrays.sort(measured);
            System.out.printf("%-22s min %,6.0f  median %,6.0f%n", WAYS[way], measured[0],
                    measured[measured.length / 2]);
        }
    }
}
