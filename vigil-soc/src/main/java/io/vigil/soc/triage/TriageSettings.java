package io.vigil.soc.triage;

import java.time.Duration;
import java.util.Objects;

/**
 * @param groupingWindow            an alert joins an open incident with the same rule and entities whose last alert
 *                                  is at most this old
 * @param rollupThreshold           detections of low priority (P3, P4) against one asset within {@code rollupWindow}
 *                                  that become one roll-up incident
 * @param rollupThresholdCritical   the same for a crown-jewel asset or one with a known critical weakness
 * @param rollupWindow              how far back low-priority incidents on the asset count
 */
public record TriageSettings(Duration groupingWindow, int rollupThreshold, int rollupThresholdCritical,
                             Duration rollupWindow) {

    public static final TriageSettings DEFAULTS = new TriageSettings(Duration.ofHours(1), 10, 3, Duration.ofHours(24));

    public TriageSettings {
        Objects.requireNonNull(groupingWindow, "groupingWindow");
        Objects.requireNonNull(rollupWindow, "rollupWindow");
        if (groupingWindow.isNegative() || groupingWindow.isZero() || rollupWindow.isNegative() || rollupWindow.isZero()) {
            throw new IllegalArgumentException("grouping and roll-up windows must be positive");
        }
        if (rollupThreshold < 2 || rollupThresholdCritical < 1) {
            throw new IllegalArgumentException("roll-up thresholds must be at least 2 (1 for critical assets)");
        }
    }
}
