package io.vigil.soc.triage;

import io.vigil.soc.Priority;
import java.util.Locale;

/**
 * Priority from rule level × asset criticality × confidence, as a score:
 * level (informational 0, low 1, medium 2, high 3, critical 4; unknown 1) + asset criticality (low 0, medium 1,
 * high 2, critical 3; no known asset 1) + 1 for a crown jewel + confidence (low −1, medium 0, high +1).
 * Score ≥ 6 is P1, ≥ 4 P2, ≥ 2 P3, else P4.
 */
public final class PriorityPolicy {

    private PriorityPolicy() {
    }

    public static Assessment assess(String level, Asset asset, Confidence confidence) {
        int levelScore = levelScore(level);
        int assetScore = asset == null ? Criticality.MEDIUM.score() : asset.criticality().score();
        int jewel = asset != null && asset.crownJewel() ? 1 : 0;
        int score = levelScore + assetScore + jewel + confidence.adjustment();
        Priority priority = score >= 6 ? Priority.P1 : score >= 4 ? Priority.P2 : score >= 2 ? Priority.P3 : Priority.P4;
        String reason = "level " + (level == null ? "unknown" : level) + " (" + levelScore + ") + "
                + (asset == null ? "unknown asset (" + assetScore + ")"
                        : "asset " + asset.name() + " criticality " + asset.criticality().code() + " (" + assetScore + ")")
                + (jewel == 1 ? " + crown jewel (1)" : "")
                + " + confidence " + confidence.code() + " (" + signed(confidence.adjustment()) + ") = " + score
                + " → " + priority;
        return new Assessment(priority, score, reason);
    }

    static int levelScore(String level) {
        return switch (level == null ? "" : level.toLowerCase(Locale.ROOT)) {
            case "informational" -> 0;
            case "low" -> 1;
            case "medium" -> 2;
            case "high" -> 3;
            case "critical" -> 4;
            default -> 1;
        };
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : Integer.toString(n);
    }

    /** One step less urgent, P4 at the bottom. */
    public static Priority downgrade(Priority p) {
        return p == Priority.P4 ? p : Priority.values()[p.ordinal() + 1];
    }

    /** One step more urgent, P1 at the top. */
    public static Priority upgrade(Priority p) {
        return p == Priority.P1 ? p : Priority.values()[p.ordinal() - 1];
    }
}
