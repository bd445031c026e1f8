package io.vigil.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.sigma.Detection;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.WindowsEventFields;
import io.vigil.sigma.index.IndexedRuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sigma matching on one thread: every loadable SigmaHQ rule against the Windows evtx-json samples, one event per
 * operation (so the score is events/s), with every rule tried ({@code ruleSet}, index off) and through the candidate
 * index ({@code indexedRuleSet}, index on). No logsource routing: every rule sees every event.
 *
 * <p>Shared data: system property {@code vigil.shared.data}, else {@code $VIGIL_SHARED_DATA}, else
 * {@code ../shared/data} relative to the working directory (the repository root).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SigmaMatchBenchmark {

    private static final List<String> RULE_FOLDERS =
            List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance");

    private RuleSet ruleSet;
    private IndexedRuleSet indexedRuleSet;
    /** Decoded once; each operation wraps its event afresh, as a hunt does (the adapter keeps per-event state). */
    private List<Map<String, Object>> events;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path shared = sharedData();
        List<SigmaRule> rules = loadRules(shared.resolve("sigma"));
        ruleSet = RuleSet.of(rules);
        indexedRuleSet = IndexedRuleSet.of(rules);
        events = loadEvents(shared.resolve("log-samples").resolve("windows-evtx-json"));
        System.out.printf("%n%d rules, %d events, index %s%n", rules.size(), events.size(),
                indexedRuleSet.statistics());
    }

    private final ThreadCpu cpu = new ThreadCpu();
    private long opsAtIterationStart;
    private long ops;

    @Setup(Level.Iteration)
    public void startIteration() {
        opsAtIterationStart = ops;
        cpu.start();
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Iteration)
    public void endIteration() {
        cpu.report(ops - opsAtIterationStart, "events");
    }

    @Benchmark
    public List<Detection> ruleSet() {
        return ruleSet.evaluate(nextEvent());
    }

    @Benchmark
    public List<Detection> indexedRuleSet() {
        return indexedRuleSet.evaluate(nextEvent());
    }

    private EventFields nextEvent() {
        ops++;
        EventFields event = new WindowsEventFields(events.get(next));
        next = next + 1 == events.size() ? 0 : next + 1;
        return event;
    }

    private static Path sharedData() {
        String property = System.getProperty("vigil.shared.data");
        String environment = System.getenv("VIGIL_SHARED_DATA");
        Path path = Path.of(property != null ? property : environment != null ? environment : "../shared/data");
        if (!Files.isDirectory(path.resolve("sigma"))) {
            throw new IllegalStateException("no Sigma rules under " + path.toAbsolutePath().normalize()
                    + ": run from the repository root or pass -jvmArgsAppend -Dvigil.shared.data=/path/to/shared/data");
        }
        return path;
    }

    private static List<SigmaRule> loadRules(Path sigma) throws IOException {
        List<SigmaRule> rules = new ArrayList<>();
        for (String folder : RULE_FOLDERS) {
            try (Stream<Path> files = Files.walk(sigma.resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                    if (SigmaRules.parse(Files.readString(file, StandardCharsets.UTF_8),
                            sigma.relativize(file).toString()) instanceof RuleLoad.Loaded loaded) {
                        rules.add(loaded.rule());
                    }
                }
            }
        }
        return rules;
    }

    private static List<Map<String, Object>> loadEvents(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        events.add(json.readValue(line, new TypeReference<Map<String, Object>>() { }));
                    }
                }
            }
        }
        return events;
    }
}
