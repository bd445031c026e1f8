package io.vigil.soc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractTest {

    private static Contract with(List<Contact> contacts, List<EscalationStep> escalation) {
        return new Contract(Contract.DEFAULT_TARGETS, new Coverage.AroundTheClock(), Set.of(), Set.of(), List.of(750),
                contacts, escalation, Map.of(), ServiceCredits.none());
    }

    @Test
    void defaultsAreTheDocumentedTargetsAroundTheClockPausedWhileWaitingOnTheClient() {
        Contract defaults = Contract.defaults();

        assertThat(defaults.targets(Priority.P1)).isEqualTo(new Targets(Duration.ofMinutes(15), Duration.ofHours(4)));
        assertThat(defaults.targets(Priority.P2).response()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.targets(Priority.P3).response()).isEqualTo(Duration.ofHours(4));
        assertThat(defaults.targets(Priority.P4)).isEqualTo(new Targets(Duration.ofHours(24), Duration.ofHours(120)));
        assertThat(defaults.pausingStates()).containsExactly(IncidentState.WAITING_ON_CLIENT);
        assertThat(defaults.coverage()).isInstanceOf(Coverage.AroundTheClock.class);
    }

    @Test
    void escalationStepsComeDueInOrderOfTheirDelayForTheirPriorities() {
        Contact ciso = new Contact("ciso", "Dana", "CISO", "ciso@acme.example", "");
        EscalationStep t3 = new EscalationStep(Duration.ofHours(2), Set.of(Priority.P1), Tier.T3, "ciso");
        EscalationStep t2 = new EscalationStep(Duration.ofMinutes(30), Set.of(Priority.P1, Priority.P2), Tier.T2, "");
        Contract contract = with(List.of(ciso), List.of(t3, t2));

        assertThat(contract.escalationsDue(Priority.P1, Duration.ofMinutes(29))).isEmpty();
        assertThat(contract.escalationsDue(Priority.P1, Duration.ofMinutes(30))).containsExactly(t2);
        assertThat(contract.escalationsDue(Priority.P1, Duration.ofHours(3))).containsExactly(t2, t3);
        assertThat(contract.escalationsDue(Priority.P2, Duration.ofHours(3))).containsExactly(t2);
        assertThat(contract.escalationsDue(Priority.P4, Duration.ofDays(3))).isEmpty();
    }

    @Test
    void refusesWhatCannotBeMeantNamingTheProblem() {
        assertThatThrownBy(() -> new Targets(Duration.ofHours(2), Duration.ofHours(1)))
                .hasMessage("resolution target PT1H is shorter than the response target PT2H");
        assertThatThrownBy(() -> new Targets(Duration.ofSeconds(90), Duration.ofHours(1)))
                .hasMessageContaining("whole minutes");
        assertThatThrownBy(() -> with(List.of(), List.of(new EscalationStep(Duration.ZERO, Set.of(Priority.P1), Tier.T2, "cfo"))))
                .hasMessage("escalation step names unknown contact 'cfo'");
        Contact a = new Contact("desk", "Desk", "", "", "+49 30 1234");
        assertThatThrownBy(() -> with(List.of(a, a), List.of())).hasMessage("contact id 'desk' appears twice");
        assertThatThrownBy(() -> new Contact("x", "X", "", "not-mail", "")).hasMessage("contact x: not an email address: 'not-mail'");
        assertThatThrownBy(() -> new Contact("x", "X", "", "", "")).hasMessage("contact x needs an email or a phone");
        assertThatThrownBy(() -> Coverage.BusinessHours.weekdays(ZoneId.of("UTC"), TimeWindow.parse("18:00-08:00")))
                .hasMessageContaining("ends after it starts");
        assertThatThrownBy(() -> TimeWindow.parse("8-18")).hasMessage("a window is written HH:MM-HH:MM, not '8-18'");
        assertThatThrownBy(() -> new Coverage.BusinessHours(ZoneId.of("UTC"), Map.of(), Set.of()))
                .hasMessage("business hours must cover at least one window in the week");
        assertThatThrownBy(() -> new ServiceCredits("EUR", Map.of(Priority.P1, new BigDecimal("-1")), Map.of(), null))
                .hasMessageContaining("response credit of P1");
        assertThatThrownBy(() -> new Contract(Contract.DEFAULT_TARGETS, new Coverage.AroundTheClock(), Set.of(),
                Set.of(IncidentState.CLOSED), List.of(), List.of(), List.of(), Map.of(), ServiceCredits.none()))
                .hasMessage("state closed cannot pause the clocks");
        assertThatThrownBy(() -> new Contract(Contract.DEFAULT_TARGETS, new Coverage.AroundTheClock(), Set.of(), Set.of(),
                List.of(900, 500), List.of(), List.of(), Map.of(), ServiceCredits.none())).hasMessageContaining("ascending");
        assertThat(TimeWindow.parse("00:00-24:00")).isEqualTo(new TimeWindow(0, 1440));
    }
}
