package io.vigil.ingest.health;

import java.time.Duration;

/**
 * Log-source health settings ({@code vigil.sources.*}).
 *
 * @param evaluateInterval   how often sources are checked against heartbeat and baseline (30 s)
 * @param persistInterval    how often the registry is written to the database (60 s)
 * @param rateWindow         the window over which events/s is measured (60 s)
 * @param baselineWeight     weight of the newest hour in the learned baseline, an EWMA of hourly counts (0.1)
 * @param baselineMinHours   hours of history before the baseline is trusted (24)
 * @param baselineMinPerHour a baseline below this many events per hour expects nothing (10)
 * @param belowBaselineRatio an hour with fewer than this share of the baseline raises "below baseline" (0.1)
 * @param maxSources         sources tracked at most; further new sources are counted but not tracked (100000)
 */
public record SourceHealthConfig(Duration evaluateInterval, Duration persistInterval, Duration rateWindow,
                                 Double baselineWeight, Integer baselineMinHours, Double baselineMinPerHour,
                                 Double belowBaselineRatio, Integer maxSources) {

    public static final SourceHealthConfig DEFAULTS = new SourceHealthConfig(null, null, null, null, null, null, null, null);

    public SourceHealthConfig {
        evaluateInterval = positive(evaluateInterval, Duration.ofSeconds(30), "evaluateInterval");
        persistInterval = positive(persistInterval, Duration.ofSeconds(60), "persistInterval");
        rateWindow = positive(rateWindow, Duration.ofSeconds(60), "rateWindow");
        baselineWeight = baselineWeight == null ? 0.1 : baselineWeight;
        if (!(baselineWeight > 0 && baselineWeight <= 1)) {
            throw new IllegalArgumentException("baselineWeight must be in (0, 1], was " + baselineWeight);
        }
        baselineMinHours = baselineMinHours == null ? 24 : baselineMinHours;
        if (baselineMinHours < 1) {
            throw new IllegalArgumentException("baselineMinHours must be at least 1, was " + baselineMinHours);
        }
        baselineMinPerHour = baselineMinPerHour == null ? 10.0 : baselineMinPerHour;
        if (!(baselineMinPerHour > 0)) {
            throw new IllegalArgumentException("baselineMinPerHour must be positive, was " + baselineMinPerHour);
        }
        belowBaselineRatio = belowBaselineRatio == null ? 0.1 : belowBaselineRatio;
        if (!(belowBaselineRatio > 0 && belowBaselineRatio < 1)) {
            throw new IllegalArgumentException("belowBaselineRatio must be in (0, 1), was " + belowBaselineRatio);
        }
        maxSources = maxSources == null ? 100_000 : maxSources;
        if (maxSources < 1) {
            throw new IllegalArgumentException("maxSources must be at least 1, was " + maxSources);
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration v = value == null ? fallback : value;
        if (v.isNegative() || v.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
        return v;
    }
}
