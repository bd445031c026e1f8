package io.vigil.server.cli;

import io.vigil.server.hunt.AttackTactics;
import io.vigil.server.hunt.FindingFormat;
import io.vigil.server.hunt.FindingWriter;
import io.vigil.server.hunt.Hunt;
import io.vigil.server.hunt.HuntCorrelations;
import io.vigil.server.hunt.HuntInputException;
import io.vigil.server.hunt.HuntProgress;
import io.vigil.server.hunt.HuntReport;
import io.vigil.server.hunt.HuntStats;
import io.vigil.server.hunt.LoadedRules;
import io.vigil.server.hunt.LogFiles;
import io.vigil.server.hunt.LogInput;
import io.vigil.server.hunt.RuleLevel;
import io.vigil.server.hunt.RuleSelection;
import io.vigil.sigma.Detection;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.correlation.CorrelationRule;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.index.IndexedRuleSet;
import io.vigil.sigma.logsource.LogsourceRouter;
import io.vigil.sigma.logsource.RoutedRuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil hunt}: Sigma rules over JSON log files, offline. Exit 0 nothing found, 1 detections, 2 errors. */
@Command(name = "hunt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scan JSON / NDJSON log files and folders (also .gz) with Sigma rules, offline.",
                "Windows events in the evtx_dump JSON shape ({\"Event\":{\"System\":…}}) are read with Windows "
                        + "field names; other JSON objects by their keys (a.b for nested keys)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing found", "1:detections found",
                "2:usage or input error, or nothing found but a file could not be read to its end"},
        footer = {"%nExample:%n  vigil hunt --rules sigma/rules --min-level high -o findings.jsonl /evidence/host1"})
final class HuntCommand implements Callable<Integer> {

    static final int FOUND = 1;
    static final int INPUT_ERROR = 2;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-r", "--rules"}, paramLabel = "PATH",
            description = "Sigma rule file or folder (walked for *.yml, *.yaml); repeat for several. Required.")
    List<Path> rules;

    /** Benchmarks only: the same scan with an empty rule set, to see what the rules cost on top of reading. */
    @Option(names = "--no-rules", hidden = true)
    boolean noRules;

    /**
     * Benchmarks only: scan the inputs this many times in one process and report the last scan, whose code the JIT
     * has compiled and whose candidate indexes are built: the engine's steady throughput, apart from warm-up. The
     * earlier scans do the same work, findings written to nowhere, and are listed as warm-up passes.
     */
    @Option(names = "--passes", hidden = true, defaultValue = "1")
    int passes;

    @Parameters(paramLabel = "LOGS", arity = "1..*",
            description = "Log files or folders (walked for *.json, *.jsonl, *.ndjson and their .gz).")
    List<Path> logs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write detections to FILE ('-' for stdout); the summary then goes to stderr.")
    String output;

    @Option(names = {"-f", "--format"}, defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FindingFormat format;

    @Option(names = "--min-level", paramLabel = "LEVEL",
            description = "Run only rules of this level or above: ${COMPLETION-CANDIDATES}.")
    RuleLevel minLevel;

    @Option(names = "--status", split = ",", paramLabel = "STATUS",
            description = "Run only rules with these statuses, e.g. stable,test.")
    Set<String> statuses = Set.of();

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "YAML map of placeholder name to values for |expand rules.")
    Path placeholders;

    @Option(names = "--no-routing", description = {"Run every rule on every event instead of routing events to the",
            "rules of their logsource (for flat exports that lack Channel/EventID or other source fields)."})
    boolean noRouting;

    @Option(names = "--threads", paramLabel = "N", description = "Evaluation threads (default: CPUs, at most 16).")
    Integer threads;

    @Option(names = "--max-record-bytes", paramLabel = "BYTES", defaultValue = "8388608",
            description = "Longest line or JSON element accepted (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rules listed in the summary.")
    int top;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "List every rejected rule and bad record.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return hunt(err);
        } catch (HuntInputException | IllegalArgumentException e) {
            err.println("vigil hunt: " + e.getMessage());
            return INPUT_ERROR;
        } catch (IOException e) {
            err.println("vigil hunt: " + e.getMessage());
            return INPUT_ERROR;
        }
    }

    private int hunt(PrintWriter err) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if ((rules == null || rules.isEmpty()) == !noRules) {
            throw new HuntInputException(noRules ? "--no-rules and --rules exclude each other"
                    : "missing required option --rules (a Sigma rule file or folder)");
        }
        long loadStart = System.nanoTime();
        LoadedRules loaded = noRules ? LoadedRules.NONE
                : RuleOptions.load(rules, placeholders);
        Duration loading = Duration.ofNanos(System.nanoTime() - loadStart);
        HuntReport.rejections(err, loaded.rejected(), verbose ? -1 : 10);
        RuleSelection selection = new RuleSelection(Optional.ofNullable(minLevel), statuses);
        Collection<CorrelationRule> correlations = loaded.correlations().rules().values();
        // A rule that a correlation references runs whatever the filters say; they decide what is reported.
        Set<String> referenced = correlations.stream().flatMap(c -> c.rules().stream()).collect(Collectors.toSet());
        List<SigmaRule> selected = loaded.rules().stream()
                .filter(rule -> selection.accepts(rule) || rule.id() != null && referenced.contains(rule.id()))
                .toList();
        if (!noRules && loaded.rules().stream().noneMatch(selection::accepts)
                && correlations.stream().noneMatch(selection::accepts)) {
            throw new HuntInputException("no rules to run (" + loaded.loaded() + " loaded, "
                    + loaded.rejected().size() + " rejected, none selected by the filters)");
        }
        List<LogInput> inputs = LogFiles.collect(logs);
        if (inputs.isEmpty()) {
            throw new HuntInputException("no log files found (looked for *.json, *.jsonl, *.ndjson, also .gz)");
        }
        Hunt.Settings defaults = Hunt.Settings.defaults();
        Hunt.Settings settings = new Hunt.Settings(threads == null ? defaults.threads() : threads,
                defaults.batchSize(), maxRecordBytes);
        LogsourceRouter router = noRouting ? null : shippedRouter();
        Function<EventFields, List<Detection>> rules = noRouting ? IndexedRuleSet.of(selected)::evaluate
                : RoutedRuleSet.of(router, selected)::evaluate;
        HuntCorrelations correlated = correlations.isEmpty() ? null
                : new HuntCorrelations(loaded.correlations(), selection::accepts, selection::accepts,
                        noRouting ? fields -> fields : fields -> router.classify(fields).fields(fields));
        Hunt hunt = new Hunt(rules, correlated, settings, AttackTactics.load(), Clock.systemUTC());

        if (passes < 1) {
            throw new HuntInputException("--passes must be at least 1");
        }
        PrintWriter summary = output == null ? out : err;
        for (int pass = 1; pass < passes; pass++) {
            HuntStats warmUp = hunt.run(inputs, format.open(Writer.nullWriter()), HuntProgress.NONE);
            HuntReport.pass(summary, pass, warmUp);
        }
        HuntStats stats;
        try (Writer target = openOutput(out)) {
            FindingWriter writer = target == null ? FindingWriter.NONE : format.open(target);
            stats = hunt.run(inputs, writer, progress(err, inputs));
        }
        HuntReport.malformed(err, stats, verbose ? -1 : 10);
        HuntReport.summary(summary, stats, loaded, loading, selected.size(), top);
        summary.flush();
        if (stats.detections() > 0 || stats.correlations() > 0) {
            return FOUND;
        }
        return stats.stoppedFiles().isEmpty() ? 0 : INPUT_ERROR;
    }

    /** Null without --output; stdout is wrapped so that closing it leaves the command line's writer open. */
    private Writer openOutput(PrintWriter out) throws IOException {
        if (output == null) {
            return null;
        }
        if (output.equals("-")) {
            return new java.io.FilterWriter(out) {
                @Override
                public void close() throws IOException {
                    flush(); // but leave the command line's stdout open for the caller
                }
            };
        }
        return Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
    }

    private HuntProgress progress(PrintWriter err, List<LogInput> inputs) {
        if (quiet || !Terminal.isInteractive()) {
            return HuntProgress.NONE;
        }
        long total = inputs.stream().mapToLong(LogInput::size).sum();
        return new ProgressBar(err, total, System::nanoTime);
    }

    /** The logsource mapping shipped in vigil-content: which events each rule may see, and field renames. */
    static LogsourceRouter shippedRouter() {
        try (java.io.InputStream mapping = HuntCommand.class.getClassLoader().getResourceAsStream(LogsourceRouter.CONTENT_RESOURCE)) {
            if (mapping == null) {
                throw new IllegalStateException("content missing from the classpath: " + LogsourceRouter.CONTENT_RESOURCE);
            }
            return LogsourceRouter.load(mapping, LogsourceRouter.CONTENT_RESOURCE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
