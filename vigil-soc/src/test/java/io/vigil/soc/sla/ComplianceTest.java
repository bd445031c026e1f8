package io.vigil.soc.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.ServiceCredits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplianceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private Contract withCredits(BigDecimal cap) {
        return new Contract(Contract.DEFAULT_TARGETS, new Coverage.AroundTheClock(), Set.of(),
                Set.of(IncidentState.WAITING_ON_CLIENT), List.of(750), List.of(), List.of(), Map.of(),
                new ServiceCredits("EUR", Map.of(Priority.P1, new BigDecimal("500")), Map.of(Priority.P1, new BigDecimal("250.50")), cap));
    }

    @Test
    void countsMetBreachedAndOpenPerPriorityWithMeansAndCredits() {
        Instant t = Instant.parse("2025-03-10T08:00:00Z");
        SlaSubject onTime = Subjects.created(t, Priority.P1).firstEvent(t.minusSeconds(120))
                .then(t.plus(Duration.ofMinutes(10)), IncidentState.ACKNOWLEDGED)
                .then(t.plus(Duration.ofHours(2)), IncidentState.RESOLVED).subject();
        SlaSubject late = Subjects.created(t.plus(Duration.ofDays(1)), Priority.P1).firstEvent(t.plus(Duration.ofDays(1)).minusSeconds(60))
                .then(t.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(20)), IncidentState.ACKNOWLEDGED)
                .then(t.plus(Duration.ofDays(1)).plus(Duration.ofHours(5)), IncidentState.RESOLVED).subject();
        SlaSubject open = Subjects.created(t.plus(Duration.ofDays(2)), Priority.P3).subject();
        SlaSubject lastMonth = Subjects.created(Instant.parse("2025-02-28T22:30:00Z"), Priority.P1).subject(); // 23:30 Berlin
        SlaSubject firstOfMonthLocal = Subjects.created(Instant.parse("2025-02-28T23:30:00Z"), Priority.P4).subject(); // 00:30 Berlin
        Instant now = t.plus(Duration.ofDays(2)).plus(Duration.ofHours(1));

        MonthlyCompliance report = Compliance.month(withCredits(null), BERLIN, YearMonth.of(2025, 3),
                List.of(onTime, late, open, lastMonth, firstOfMonthLocal), now);

        assertThat(report.from()).isEqualTo(Instant.parse("2025-02-28T23:00:00Z"));
        MonthlyCompliance.PriorityLine p1 = report.priorities().getFirst();
        assertThat(p1.incidents()).isEqualTo(2);
        assertThat(p1.response()).isEqualTo(new MonthlyCompliance.Counts(1, 1, 0));
        assertThat(p1.resolution()).isEqualTo(new MonthlyCompliance.Counts(1, 1, 0));
        assertThat(p1.means().mtta()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p1.means().mttr()).isEqualTo(Duration.ofMinutes(210));
        assertThat(p1.means().mttd()).isEqualTo(Duration.ofSeconds(90));
        assertThat(report.priorities().get(2).response()).isEqualTo(new MonthlyCompliance.Counts(0, 0, 1));
        assertThat(report.priorities().get(3).incidents()).as("00:30 local on 1 March").isEqualTo(1);
        assertThat(report.means().mttd()).isEqualTo(Duration.ofSeconds(90));
        assertThat(report.breaches()).extracting(b -> b.priority() + " " + b.clock().code() + " " + b.credit())
                .containsExactly("P1 response 500", "P1 resolution 250.50", "P4 response 0", "P4 resolution 0");
        assertThat(report.creditsOwed()).isEqualByComparingTo("750.50");
        assertThat(report.creditsCapped()).isFalse();

        MonthlyCompliance capped = Compliance.month(withCredits(new BigDecimal("600")), BERLIN, YearMonth.of(2025, 3),
                List.of(onTime, late), now);
        assertThat(capped.creditsOwed()).isEqualByComparingTo("600");
        assertThat(capped.creditsCapped()).isTrue();
    }

    @Test
    void anEmptyMonthHasNoMeans() {
        MonthlyCompliance report = Compliance.month(Contract.defaults(), BERLIN, YearMonth.of(2025, 4), List.of(),
                Instant.parse("2025-05-01T00:00:00Z"));
        assertThat(report.means()).isEqualTo(new MonthlyCompliance.Means(null, null, null));
        assertThat(report.creditsOwed()).isZero();
    }
}
