package io.vigil.soc.sla;

import io.vigil.soc.Priority;
import io.vigil.soc.contract.Contract;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Monthly SLA compliance, a pure function of the contract and the month's incidents. */
public final class Compliance {

    private Compliance() {
    }

    /** The month's bounds in a time zone: {@code [first instant, first instant of the next month)}. */
    public static Instant[] bounds(YearMonth month, ZoneId zone) {
        return new Instant[] {month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()};
    }

    /**
     * @param subjects the tenant's incidents created in the month (others are ignored)
     * @param now      when the clocks are evaluated
     */
    public static MonthlyCompliance month(Contract contract, ZoneId zone, YearMonth month, List<SlaSubject> subjects, Instant now) {
        Instant[] bounds = bounds(month, zone);
        List<SlaSubject> inMonth = subjects.stream()
                .filter(s -> !s.createdAt().isBefore(bounds[0]) && s.createdAt().isBefore(bounds[1]))
                .sorted(java.util.Comparator.comparing(SlaSubject::createdAt)).toList();
        List<MonthlyCompliance.PriorityLine> lines = new ArrayList<>();
        List<MonthlyCompliance.Breach> breaches = new ArrayList<>();
        BigDecimal credits = BigDecimal.ZERO;
        for (Priority priority : Priority.values()) {
            List<SlaSubject> ofPriority = inMonth.stream().filter(s -> s.priority() == priority).toList();
            int[] response = new int[3];
            int[] resolution = new int[3];
            for (SlaSubject subject : ofPriority) {
                for (ClockStatus status : SlaClocks.status(contract, subject, now)) {
                    int[] counts = status.clock() == SlaClock.RESPONSE ? response : resolution;
                    switch (status.state()) {
                        case MET -> counts[0]++;
                        case BREACHED -> {
                            counts[1]++;
                            BigDecimal credit = contract.credits().forBreach(status.clock() == SlaClock.RESPONSE, priority);
                            credits = credits.add(credit);
                            breaches.add(new MonthlyCompliance.Breach(subject.incidentId(), priority, status.clock(),
                                    status.dueAt(), status.cause(), credit));
                        }
                        case RUNNING, PAUSED -> counts[2]++;
                    }
                }
            }
            lines.add(new MonthlyCompliance.PriorityLine(priority, ofPriority.size(), counts(response), counts(resolution),
                    means(ofPriority)));
        }
        BigDecimal cap = contract.credits().monthlyCap();
        boolean capped = cap != null && credits.compareTo(cap) > 0;
        return new MonthlyCompliance(month, bounds[0], bounds[1], now, lines, means(inMonth), breaches,
                contract.credits().unit(), capped ? cap : credits, capped);
    }

    private static MonthlyCompliance.Counts counts(int[] c) {
        return new MonthlyCompliance.Counts(c[0], c[1], c[2]);
    }

    static MonthlyCompliance.Means means(List<SlaSubject> subjects) {
        return new MonthlyCompliance.Means(
                mean(subjects, s -> s.acknowledgedAt().map(at -> Duration.between(s.createdAt(), at))),
                mean(subjects, s -> s.resolvedAt().map(at -> Duration.between(s.createdAt(), at))),
                mean(subjects, s -> Optional.ofNullable(s.firstEventAt()).map(at -> Duration.between(at, s.createdAt()))));
    }

    /** The exact mean to the nanosecond (truncated), summed without overflow. */
    private static Duration mean(List<SlaSubject> subjects, Function<SlaSubject, Optional<Duration>> sample) {
        BigInteger sum = BigInteger.ZERO;
        int n = 0;
        for (SlaSubject subject : subjects) {
            Optional<Duration> d = sample.apply(subject);
            if (d.isPresent()) {
                sum = sum.add(BigInteger.valueOf(d.get().getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                        .add(BigInteger.valueOf(d.get().getNano())));
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        BigInteger[] qr = sum.divideAndRemainder(BigInteger.valueOf(n)).clone();
        BigInteger nanos = qr[0];
        BigInteger[] secs = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        return Duration.ofSeconds(secs[0].longValueExact(), secs[1].longValueExact());
    }
}
