package io.vigil.soc.triage;

import io.vigil.soc.incident.Alert;
import io.vigil.soc.incident.Disposition;
import io.vigil.soc.incident.Incident;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dispositions summarised per rule, with a suggestion where analysts keep finding the rule's alerts benign. */
public final class TuningSuggestions {

    /** At least this many decided alerts before a rule gets a suggestion. */
    public static final int MIN_DECIDED = 3;

    private TuningSuggestions() {
    }

    /**
     * @param falsePositiveReasons the distinct reasons given, at most 10
     * @param suggestion           what to consider, or null when nothing stands out
     */
    public record RuleSummary(String ruleId, String title, int alerts, int truePositive, int benignTruePositive,
                              int falsePositive, List<String> falsePositiveReasons, String suggestion) {
    }

    public static List<RuleSummary> of(List<Incident> incidents) {
        Map<String, List<Alert>> byRule = new LinkedHashMap<>();
        for (Incident i : incidents) {
            for (Alert a : i.alerts()) {
                byRule.computeIfAbsent(a.ruleId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<RuleSummary> out = new ArrayList<>();
        byRule.forEach((rule, alerts) -> {
            int tp = count(alerts, Disposition.TRUE_POSITIVE);
            int btp = count(alerts, Disposition.BENIGN_TRUE_POSITIVE);
            int fp = count(alerts, Disposition.FALSE_POSITIVE);
            List<String> reasons = alerts.stream().filter(a -> a.disposition() == Disposition.FALSE_POSITIVE)
                    .map(Alert::dispositionReason).filter(r -> r != null).distinct().limit(10).toList();
            int decided = tp + btp + fp;
            String suggestion = null;
            if (decided >= MIN_DECIDED && fp * 2 >= decided) {
                suggestion = "mostly false positives (" + fp + " of " + decided + "): add a rule exception for the "
                        + "reasons given, or switch the rule off for this tenant";
            } else if (decided >= MIN_DECIDED && btp * 2 >= decided) {
                suggestion = "mostly benign true positives (" + btp + " of " + decided + "): add a suppression with an "
                        + "expiry for the expected activity, or lower the rule's level";
            }
            out.add(new RuleSummary(rule, alerts.getFirst().title(), alerts.size(), tp, btp, fp, reasons, suggestion));
        });
        out.sort(Comparator.comparingInt(RuleSummary::falsePositive).reversed().thenComparing(RuleSummary::ruleId));
        return out;
    }

    private static int count(List<Alert> alerts, Disposition d) {
        return (int) alerts.stream().filter(a -> a.disposition() == d).count();
    }
}
