package io.vigil.server.hunt;

import io.vigil.sigma.Detection;
import io.vigil.sigma.correlation.CorrelationStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Counters of one hunt. Updated by the hunt's reading thread only; read once the hunt has finished. */
public final class HuntStats {

    /** Malformed records kept for the report; all are counted. */
    static final int MAX_MALFORMED_KEPT = 1000;

    public record MalformedRecord(String file, long line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    public record RuleCount(String ruleId, String title, String level, long count) {
    }

    private final AttackTactics tactics;
    private long files;
    private long bytes;
    private long events;
    private long eventsWithDetections;
    private long detections;
    private long malformed;
    private final List<MalformedRecord> malformedKept = new ArrayList<>();
    private final List<String> stoppedFiles = new ArrayList<>();
    private final Map<RuleLevel, Long> byLevel = new EnumMap<>(RuleLevel.class);
    private long withoutLevel;
    private final Map<String, RuleCount> byRule = new HashMap<>();
    private final Map<String, Long> byTactic = new TreeMap<>();
    private long correlations;
    private final Map<String, RuleCount> byCorrelation = new HashMap<>();
    private CorrelationStats correlationStats;
    private long untimed;
    private Duration elapsed = Duration.ZERO;
    private Duration cpu = Duration.ZERO;

    HuntStats(AttackTactics tactics) {
        this.tactics = tactics;
    }

    void file(LogInput input) {
        files++;
        bytes += input.size();
    }

    void event() {
        events++;
    }

    void malformed(String file, long line, String reason) {
        malformed++;
        if (malformedKept.size() < MAX_MALFORMED_KEPT) {
            malformedKept.add(new MalformedRecord(file, line, reason));
        }
    }

    void stopped(String file) {
        stoppedFiles.add(file);
    }

    void eventsWithDetections(long count) {
        eventsWithDetections += count;
    }

    void detection(Detection detection) {
        detections++;
        RuleLevel.of(detection.level()).ifPresentOrElse(level -> byLevel.merge(level, 1L, Long::sum),
                () -> withoutLevel++);
        String key = detection.ruleId() != null ? detection.ruleId() : detection.title();
        count(byRule, key, new RuleCount(detection.ruleId(), detection.title(), detection.level(), 1));
        tactics.of(detection.tags()).forEach(tactic -> byTactic.merge(tactic, 1L, Long::sum));
    }

    void correlation(CorrelationFinding fired) {
        correlations++;
        var match = fired.match();
        count(byCorrelation, match.correlationKey(),
                new RuleCount(match.correlationKey(), match.title(), match.level(), 1));
    }

    private static void count(Map<String, RuleCount> counts, String key, RuleCount one) {
        counts.merge(key, one, (a, b) -> new RuleCount(a.ruleId(), a.title(), a.level(), a.count() + 1));
    }

    void correlationStats(CorrelationStats stats, long untimedEvents) {
        this.correlationStats = stats;
        this.untimed = untimedEvents;
    }

    /** Correlation matches reported. */
    public long correlations() {
        return correlations;
    }

    /** Correlations that fired, most matches first. */
    public List<RuleCount> byCorrelation() {
        return sortedByCount(byCorrelation);
    }

    /** The correlation engine's counters, when the hunt had correlation rules. */
    public Optional<CorrelationStats> correlationStats() {
        return Optional.ofNullable(correlationStats);
    }

    /** Events with detections but no readable time, which could feed no correlation. */
    public long untimedEvents() {
        return untimed;
    }

    void elapsed(Duration elapsed) {
        this.elapsed = elapsed;
    }

    void cpu(Duration cpu) {
        this.cpu = cpu;
    }

    public long files() {
        return files;
    }

    public long bytes() {
        return bytes;
    }

    public long events() {
        return events;
    }

    public long eventsWithDetections() {
        return eventsWithDetections;
    }

    public long detections() {
        return detections;
    }

    public long malformed() {
        return malformed;
    }

    public List<MalformedRecord> malformedKept() {
        return List.copyOf(malformedKept);
    }

    /** Files whose reading stopped before their end (corrupt gzip, invalid JSON document, I/O error). */
    public List<String> stoppedFiles() {
        return List.copyOf(stoppedFiles);
    }

    public Map<RuleLevel, Long> byLevel() {
        return Map.copyOf(byLevel);
    }

    public long withoutLevel() {
        return withoutLevel;
    }

    /** Rules by detections, most first, then by title. */
    public List<RuleCount> byRule() {
        return sortedByCount(byRule);
    }

    private static List<RuleCount> sortedByCount(Map<String, RuleCount> counts) {
        return counts.values().stream()
                .sorted(Comparator.comparingLong(RuleCount::count).reversed().thenComparing(RuleCount::title))
                .toList();
    }

    /** Detections per ATT&CK tactic (a detection counts once for each tactic of its technique tags). */
    public Map<String, Long> byTactic() {
        return Map.copyOf(byTactic);
    }

    public Duration elapsed() {
        return elapsed;
    }

    /**
     * CPU time of the hunt's own threads (reading, decoding, evaluating, writing), zero where the JVM cannot
     * measure thread CPU time. Unlike {@link #elapsed} it leaves out JIT compilation, garbage collection and time
     * spent waiting for a core, so events per CPU-second is the per-core rate even on a busy machine.
     */
    public Duration cpu() {
        return cpu;
    }
}
