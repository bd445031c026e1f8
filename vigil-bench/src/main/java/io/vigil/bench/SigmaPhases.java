package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import io.vigil.sigma.logsource.LogsourceRouter;
import io.vigil.sigma.logsource.RoutedRuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cost of each step of evaluating an event, in CPU nanoseconds of the calling thread per event, over the
 * {@code windows-evtx-json} samples with a folder of rules behind logsource routing (as {@code vigil hunt} runs
 * them). Each pass decodes every line afresh, so the maps are as fresh in the cache as in a hunt; the decoding
 * alone is measured first and taken off the other steps:
 * <ul>
 *   <li>{@code decode}: a JSON line into maps;</li>
 *   <li>{@code route}: the event's adapter, routing signature and class, with no rules;</li>
 *   <li>{@code all}: the same with every rule: routing, candidate index, candidate rules.</li>
 * </ul>
 * Run alone: {@code java -cp vigil-bench/target/benchmarks.jar io.vigil.bench.SigmaPhases <rules folder>
 * <samples folder> [rounds]}; {@code vigil-bench/scripts/sigma-side-by-side.sh} runs it for several git revisions
 * in turn. It prints each round and, last, the mean of the second half of the rounds.
 */
public final class SigmaPhases {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int PASSES = 10;

    private final List<byte[]> lines = new ArrayList<>();
    private final ObjectReader reader = new ObjectMapper().readerFor(Map.class);
    private final RoutedRuleSet none;
    private final RoutedRuleSet all;
    private long sink;

    public SigmaPhases(Path rules, Path samples) throws IOException {
        List<SigmaRule> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                if (SigmaRules.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString())
                        instanceof RuleLoad.Loaded rule) {
                    loaded.add(rule.rule());
                }
            }
        }
        LogsourceRouter router;
        try (InputStream mapping = SigmaPhases.class.getClassLoader()
                .getResourceAsStream(LogsourceRouter.CONTENT_RESOURCE)) {
            router = LogsourceRouter.load(mapping);
        }
        try (Stream<Path> files = Files.list(samples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        this.none = RoutedRuleSet.of(router, List.of());
        this.all = RoutedRuleSet.of(router, loaded);
        System.out.printf("%,d rules, %,d events%n", loaded.size(), lines.size());
    }

    /** One round: {@code [decode, route, all]} in CPU nanoseconds per event, routing and rules without decoding. */
    public double[] round() throws IOException {
        double events = (double) PASSES * lines.size();
        long start = THREADS.getCurrentThreadCpuTime();
        for (int pass = 0; pass < PASSES; pass++) {
            for (byte[] line : lines) {
                sink += decode(line).size();
            }
        }
        long decoded = THREADS.getCurrentThreadCpuTime();
        for (int pass = 0; pass < PASSES; pass++) {
            for (byte[] line : lines) {
                sink += none.evaluate(fields(line)).size();
            }
        }
        long routed = THREADS.getCurrentThreadCpuTime();
        for (int pass = 0; pass < PASSES; pass++) {
            for (byte[] line : lines) {
                sink += all.evaluate(fields(line)).size();
            }
        }
        long evaluated = THREADS.getCurrentThreadCpuTime();
        double decode = (decoded - start) / events;
        return new double[] {decode, (routed - decoded) / events - decode, (evaluated - routed) / events - decode};
    }

    /** Keeps the results alive, so that no step can be optimised away. */
    public long sink() {
        return sink;
    }

    private Map<String, Object> decode(byte[] line) throws IOException {
        return reader.readValue(line);
    }

    private EventFields fields(byte[] line) throws IOException {
        return EventFieldsFactory.of(decode(line));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SigmaPhases <rules folder> <windows-evtx-json folder> [rounds=10]");
            System.exit(2);
        }
        SigmaPhases phases = new SigmaPhases(Path.of(args[0]), Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double[] sum = new double[3];
        for (int round = 0; round < rounds; round++) {
            double[] cost = phases.round();
            System.out.printf(java.util.Locale.ROOT, "round %d: decode %.0f ns, route %.0f ns, all %.0f ns per event%n",
                    round, cost[0], cost[1], cost[2]);
            if (round >= rounds / 2) {
                for (int k = 0; k < 3; k++) {
                    sum[k] += cost[k] / (rounds - rounds / 2);
                }
            }
        }
        System.out.printf(java.util.Locale.ROOT, "mean decode %.0f route %.0f all %.0f rules %.0f ratio %.2f (sink %d)%n",
                sum[0], sum[1], sum[2], sum[2] - sum[1], (sum[0] + sum[2]) / (sum[0] + sum[1]), phases.sink());
    }
}
