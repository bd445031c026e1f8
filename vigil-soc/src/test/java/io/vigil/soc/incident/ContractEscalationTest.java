package io.vigil.soc.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.InMemorySoc;
import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import io.vigil.soc.contract.Contact;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Contracts;
import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.EscalationStep;
import io.vigil.soc.contract.ServiceCredits;
import io.vigil.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractEscalationTest {

    static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final TenantId WITHOUT = new TenantId(UUID.fromString("00000000-0000-4000-8000-000000000002"));

    final FakeClock clock = FakeClock.at("2026-03-02T10:00:00Z");
    final InMemorySoc soc = new InMemorySoc();
    final List<String> heard = new ArrayList<>();
    final IncidentListener listener = new IncidentListener() {
        @Override
        public void escalated(Incident incident, String reason) {
            heard.add("escalated " + incident.tier());
        }

        @Override
        public void contactEscalated(Incident incident, Contact contact, String reason) {
            heard.add("told " + contact.email() + " at " + incident.tier());
        }
    };
    final CaseWork work = new CaseWork(soc.incidents, soc.attachments, EscalationPolicy.DEFAULTS, listener, clock, 1024);

    static final Contract CONTRACT = new Contract(Contract.DEFAULT_TARGETS, new Coverage.AroundTheClock(), Set.of(),
            Set.of(IncidentState.WAITING_ON_CLIENT), List.of(750),
            List.of(new Contact("it-desk", "Client IT desk", "service desk", "desk@client.example", ""),
                    new Contact("ciso", "Carla Ciso", "CISO", "ciso@client.example", "+49 30 1234")),
            List.of(new EscalationStep(Duration.ofHours(1), Set.of(Priority.P1), Tier.T4, "ciso"),
                    new EscalationStep(Duration.ofMinutes(10), Set.of(Priority.P1), Tier.T3, "it-desk"),
                    new EscalationStep(Duration.ofMinutes(20), Set.of(Priority.P1), Tier.T2, "")),
            Map.of(), ServiceCredits.none());

    final Contracts contracts = tenant -> tenant.equals(TENANT) ? Optional.of(CONTRACT) : Optional.empty();

    Incident incident(TenantId tenant, Priority priority) {
        return soc.incidents.insert(tenant, Incident.open(UUID.randomUUID(), tenant, "Test incident", priority, "test",
                EscalationPolicy.DEFAULTS.initialTier(priority), "manual", "manual|" + UUID.randomUUID(), clock.instant(),
                clock.instant().minusSeconds(60)).build());
    }

    @Test
    void eachDueStepEscalatesToItsTierAndTellsItsContactOnceEvenAfterARestart() {
        Incident p1 = incident(TENANT, Priority.P1);
        Incident p2 = incident(TENANT, Priority.P2);
        ContractEscalation escalation = new ContractEscalation(work, soc.incidents, contracts, listener, clock);

        clock.advance(Duration.ofMinutes(9));
        assertThat(escalation.runOnce(100)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(escalation.runOnce(100)).extracting(Incident::id).containsExactly(p1.id());
        assertThat(escalation.runOnce(100)).as("a step is done once").isEmpty();
        assertThat(heard).containsExactly("escalated T3", "told desk@client.example at T3");

        // the 20-minute step names a lower tier and no contact: recorded, nothing moves, nobody is told
        clock.advance(Duration.ofMinutes(10));
        escalation.runOnce(100);
        assertThat(heard).hasSize(2);
        assertThat(work.get(TENANT, p1.id()).tier()).isEqualTo(Tier.T3);

        // a new process (restart) over the same store repeats nothing, and does the next step when it is due
        ContractEscalation restarted = new ContractEscalation(work, soc.incidents, contracts, listener, clock);
        assertThat(restarted.runOnce(100)).isEmpty();
        clock.advance(Duration.ofMinutes(40));
        restarted.runOnce(100);
        restarted.runOnce(100);
        assertThat(heard).containsExactly("escalated T3", "told desk@client.example at T3", "escalated T4",
                "told ciso@client.example at T4");

        Incident after = work.get(TENANT, p1.id());
        assertThat(after.tier()).isEqualTo(Tier.T4);
        assertThat(after.escalationStep()).isEqualTo(2);
        assertThat(after.timeline()).filteredOn(e -> e.action().equals(ContractEscalation.ACTION))
                .extracting(TimelineEntry::detail).containsExactly(
                        "after PT10M to T3 contact it-desk: moved to T3; told it-desk at desk@client.example",
                        "after PT20M to T2: already at T3",
                        "after PT1H to T4 contact ciso: moved to T4; told ciso at ciso@client.example");
        assertThat(work.get(TENANT, p2.id()).tier()).as("no step for P2").isEqualTo(Tier.T1);
    }

    @Test
    void finishedIncidentsAreNotEscalated() {
        Incident p1 = incident(TENANT, Priority.P1);
        work.changeState(TENANT, p1.id(), "alice", IncidentState.RESOLVED, "false alarm");
        clock.advance(Duration.ofHours(2));
        assertThat(new ContractEscalation(work, soc.incidents, contracts, listener, clock).runOnce(100)).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void theContractsChainReplacesTheDefaultTimeInTierForItsPrioritiesOnly() {
        Incident p1 = incident(TENANT, Priority.P1);
        Incident p2 = incident(TENANT, Priority.P2);
        Incident otherP1 = incident(WITHOUT, Priority.P1);
        clock.advance(Duration.ofHours(3)); // beyond the default 30 min (P1) and 2 h (P2) in tier

        assertThat(work.escalateOverdue(100, contracts)).extracting(Incident::id)
                .containsExactlyInAnyOrder(p2.id(), otherP1.id());
        assertThat(work.get(TENANT, p1.id()).tier()).as("P1 follows the contract's chain").isEqualTo(Tier.T2);
    }
}
