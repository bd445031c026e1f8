package io.vigil.soc.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.regulatory.InMemoryRegulatoryClocks;
import io.vigil.soc.regulatory.Regime;
import io.vigil.soc.regulatory.StepStatus;
import io.vigil.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentClocksTest {

    private final FakeClock clock = FakeClock.at("2025-06-02T10:00:00Z");

    @Test
    void showsSlaAndRegulatoryClocksSideBySideWithTheNextDeadline() {
        Instant t0 = clock.instant();
        SlaSubject p3 = Subjects.created(t0, Priority.P3).then(t0.plus(Duration.ofMinutes(20)), IncidentState.INVESTIGATING).subject();
        InMemoryRegulatoryClocks regulatory = new InMemoryRegulatoryClocks(clock);
        regulatory.start(p3.tenant(), p3.incidentId(), Regime.GDPR, t0.minus(Duration.ofHours(60)), "dpo");
        clock.advance(Duration.ofHours(1));

        IncidentClocks clocks = IncidentClocks.of(Contract.defaults(), p3, regulatory.list(p3.tenant(), p3.incidentId()),
                List.of(500), clock.instant());

        assertThat(clocks.sla()).extracting(ClockStatus::state).containsExactly(ClockStatus.State.MET, ClockStatus.State.RUNNING);
        assertThat(clocks.regulatory()).singleElement().satisfies(r -> assertThat(r.steps()).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(StepStatus.State.OPEN)));
        assertThat(clocks.nextDue()).as("GDPR at +12 h comes before the 72 h resolution target")
                .isEqualTo(t0.plus(Duration.ofHours(12)));
        assertThat(clocks.state()).isEqualTo(IncidentState.INVESTIGATING);
    }
}
