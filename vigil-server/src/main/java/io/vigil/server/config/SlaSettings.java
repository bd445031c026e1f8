package io.vigil.server.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SLA and regulatory clocks (see docs/sla.md). Contracts themselves are per tenant, through the API.
 *
 * @param schedulerEnabled    whether this process evaluates clocks and raises alarms; alarms are raised once even
 *                            when several processes do
 * @param interval            how often every active incident's clocks are evaluated (1 second to 10 minutes); an
 *                            alarm is raised at most this late
 * @param regulatoryReminders when NIS-2 and GDPR reminders fall, as fractions of each report's window separated by
 *                            commas (each above 0 and below 1, at most three decimals, at most five)
 */
public record SlaSettings(Boolean schedulerEnabled, Duration interval, List<String> regulatoryReminders) {

    public SlaSettings {
        schedulerEnabled = schedulerEnabled == null ? Boolean.TRUE : schedulerEnabled;
        interval = interval == null ? Duration.ofSeconds(15) : interval;
        regulatoryReminders = regulatoryReminders == null ? List.of("0.5", "0.75", "0.9")
                : regulatoryReminders.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("vigil.sla.interval must be 1 second to 10 minutes, was " + interval);
        }
        reminderPermille(regulatoryReminders);
    }

    /** The reminders in thousandths, ascending. */
    public List<Integer> reminderPermille() {
        return reminderPermille(regulatoryReminders);
    }

    private static List<Integer> reminderPermille(List<String> fractions) {
        if (fractions.size() > 5) {
            throw new IllegalArgumentException("vigil.sla.regulatory-reminders: at most five, was " + fractions);
        }
        List<Integer> permille = new ArrayList<>();
        for (String fraction : fractions) {
            BigDecimal thousandths;
            try {
                thousandths = new BigDecimal(fraction).movePointRight(3);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("vigil.sla.regulatory-reminders: not a number: '" + fraction + "'");
            }
            if (thousandths.stripTrailingZeros().scale() > 0 || thousandths.signum() <= 0
                    || thousandths.compareTo(BigDecimal.valueOf(1000)) >= 0) {
                throw new IllegalArgumentException("vigil.sla.regulatory-reminders: " + fraction
                        + " is not a fraction above 0 and below 1 with at most three decimals");
            }
            permille.add(thousandths.intValueExact());
        }
        permille.sort(null);
        return List.copyOf(permille);
    }
}
