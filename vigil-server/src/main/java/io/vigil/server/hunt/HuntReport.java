package io.vigil.server.hunt;

import io.vigil.sigma.RuleLoad;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable summary of a hunt, and the lists of rejected rules and bad records that precede it. */
public final class HuntReport {

    private HuntReport() {
    }

    /** Prints {@code limit} rejections (all when negative) with every problem of each. */
    public static void rejections(PrintWriter out, List<RuleLoad.Rejected> rejected, int limit) {
        int shown = limit < 0 ? rejected.size() : Math.min(limit, rejected.size());
        for (RuleLoad.Rejected rejection : rejected.subList(0, shown)) {
            out.println("rejected " + rejection.origin());
            rejection.problems().forEach(problem -> out.println("  - " + problem));
        }
        if (shown < rejected.size()) {
            out.println("… and " + (rejected.size() - shown) + " more rejected rules (--verbose lists all)");
        }
    }

    public static void malformed(PrintWriter out, HuntStats stats, int limit) {
        List<HuntStats.MalformedRecord> kept = stats.malformedKept();
        int shown = limit < 0 ? kept.size() : Math.min(limit, kept.size());
        kept.subList(0, shown).forEach(record -> out.println("bad record " + record));
        if (shown < stats.malformed()) {
            out.println("… and " + (stats.malformed() - shown) + " more bad records"
                    + (shown < kept.size() ? " (--verbose lists up to " + HuntStats.MAX_MALFORMED_KEPT + ")" : ""));
        }
    }

    /** @param loading how long loading the rules took (before the scan, whose time is {@code stats.elapsed()}) */
    public static void summary(PrintWriter out, HuntStats stats, LoadedRules loaded, Duration loading, int rulesRun,
            int topRules) {
        out.println("Hunt summary");
        out.printf(Locale.ROOT, "  files        %,d (%s)%n", stats.files(), size(stats.bytes()));
        out.printf(Locale.ROOT, "  events       %,d%n", stats.events());
        out.printf(Locale.ROOT, "  bad records  %,d%n", stats.malformed());
        if (!stats.stoppedFiles().isEmpty()) {
            out.printf(Locale.ROOT, "  incomplete   %,d files not read to their end: %s%n", stats.stoppedFiles().size(),
                    String.join(", ", stats.stoppedFiles()));
        }
        out.printf(Locale.ROOT, "  rules        %,d run, %,d filtered out, %,d rejected, loaded in %.2f s%n", rulesRun,
                loaded.rules().size() - rulesRun, loaded.rejected().size(), seconds(loading));
        out.printf(Locale.ROOT, "  detections   %,d in %,d events%n", stats.detections(), stats.eventsWithDetections());
        if (stats.detections() > 0) {
            StringBuilder levels = new StringBuilder();
            Map<RuleLevel, Long> byLevel = stats.byLevel();
            for (int i = RuleLevel.values().length - 1; i >= 0; i--) {
                RuleLevel level = RuleLevel.values()[i];
                levels.append(String.format(Locale.ROOT, "%s %,d  ", level.label(), byLevel.getOrDefault(level, 0L)));
            }
            if (stats.withoutLevel() > 0) {
                levels.append(String.format(Locale.ROOT, "none %,d", stats.withoutLevel()));
            }
            out.println("  by level     " + levels.toString().strip());
            out.println("  top rules");
            stats.byRule().stream().limit(topRules).forEach(rule -> out.printf(Locale.ROOT,
                    "    %,8d  %-13s %s (%s)%n", rule.count(), rule.level() == null ? "-" : rule.level(), rule.title(),
                    rule.ruleId() == null ? "no id" : rule.ruleId()));
            if (stats.byRule().size() > topRules) {
                out.printf(Locale.ROOT, "    … %,d more rules matched%n", stats.byRule().size() - topRules);
            }
            out.println("  by ATT&CK tactic");
            stats.byTactic().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(entry -> out.printf(Locale.ROOT, "    %,8d  %s%n", entry.getValue(), entry.getKey()));
        }
        stats.correlationStats().ifPresent(engine -> {
            out.printf(Locale.ROOT, "  correlations %,d loaded, %,d fired%n", loaded.correlations().rules().size(),
                    stats.correlations());
            stats.byCorrelation().stream().limit(topRules).forEach(fired -> out.printf(Locale.ROOT,
                    "    %,8d  %-13s %s (%s)%n", fired.count(), fired.level() == null ? "-" : fired.level(),
                    fired.title(), fired.ruleId()));
            if (stats.untimedEvents() > 0 || engine.missingFields() > 0 || engine.evictedGroups() > 0
                    || engine.evictedEvents() > 0) {
                out.printf(Locale.ROOT, "    not counted: %,d events without a readable time, %,d detections "
                        + "without a group-by field; evicted at the state limits: %,d groups, %,d events%n",
                        stats.untimedEvents(), engine.missingFields(), engine.evictedGroups(), engine.evictedEvents());
            }
        });
        double seconds = seconds(stats.elapsed());
        out.printf(Locale.ROOT, "  elapsed      %.2f s, %,.0f events/s%n", seconds, stats.events() / seconds);
        if (!stats.cpu().isZero()) {
            double cpu = seconds(stats.cpu());
            out.printf(Locale.ROOT, "  cpu          %.2f s on hunt threads, %,.0f events per CPU-second%n", cpu,
                    stats.events() / cpu);
        }
    }

    /** One line for a warm-up scan of a benchmark run ({@code --passes}): what it found and its rates. */
    public static void pass(PrintWriter out, int pass, HuntStats stats) {
        double seconds = seconds(stats.elapsed());
        out.printf(Locale.ROOT, "  warm-up pass %d: %,d events, %,d detections, elapsed %.2f s, %,.0f events/s", pass,
                stats.events(), stats.detections(), seconds, stats.events() / seconds);
        if (!stats.cpu().isZero()) {
            double cpu = seconds(stats.cpu());
            out.printf(Locale.ROOT, ", cpu %.2f s, %,.0f events per CPU-second", cpu, stats.events() / cpu);
        }
        out.println();
    }

    private static double seconds(Duration duration) {
        return Math.max(duration.toNanos() / 1e9, 1e-9);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
