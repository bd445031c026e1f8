package io.vigil.soc.sla;

import io.vigil.soc.Priority;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * SLA compliance of one tenant for one month: the incidents created in it, with their clocks as they stand when the
 * report is made.
 *
 * @param from          the month's first instant in the tenant's time zone
 * @param to            the next month's first instant
 * @param creditsOwed   service credits for the breaches, after the monthly cap
 * @param creditsCapped whether the cap reduced them
 */
public record MonthlyCompliance(YearMonth month, Instant from, Instant to, Instant evaluatedAt, List<PriorityLine> priorities,
                                Means means, List<Breach> breaches, String creditUnit, BigDecimal creditsOwed,
                                boolean creditsCapped) {

    public MonthlyCompliance {
        priorities = List.copyOf(priorities);
        breaches = List.copyOf(breaches);
    }

    /** Met, breached and still open clocks of one priority (open = running or paused). */
    public record PriorityLine(Priority priority, int incidents, Counts response, Counts resolution, Means means) {
    }

    public record Counts(int met, int breached, int open) {
    }

    /**
     * Mean wall-clock times, null without a sample: MTTA creation → acknowledgement, MTTR creation → resolution,
     * MTTD first event → creation.
     */
    public record Means(Duration mtta, Duration mttr, Duration mttd) {
    }

    /** One breached clock and the credit it costs. */
    public record Breach(UUID incidentId, Priority priority, SlaClock clock, Instant dueAt, String cause, BigDecimal credit) {
    }
}
