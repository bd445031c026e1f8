package io.vigil.server.soc.sla;

import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.sla.IncidentClocks;
import io.vigil.soc.sla.SlaScheduler;
import io.vigil.soc.sla.SlaSubject;
import io.vigil.soc.sla.SlaSubjects;
import io.vigil.server.config.SlaSettings;
import io.vigil.store.NotFoundException;
import io.vigil.store.soc.contract.JdbcContracts;
import io.vigil.store.soc.regulatory.JdbcRegulatoryClocks;
import io.vigil.store.soc.sla.JdbcAlarmLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The SLA feature's façade: the incidents (through the {@link SlaSubjects} bean of the incidents feature, looked up
 * at each use so that the two features do not depend on the order they are wired in), contracts, regulatory clocks
 * and alarms. The incidents endpoints call {@link #clocks(TenantId, UUID)} for an incident's clocks.
 */
public final class SlaFeature {

    /** Without an incidents feature there are no incidents. */
    private static final SlaSubjects NO_INCIDENTS = new SlaSubjects() {
        @Override
        public List<SlaSubject> active() {
            return List.of();
        }

        @Override
        public Optional<SlaSubject> find(TenantId tenant, UUID incidentId) {
            return Optional.empty();
        }

        @Override
        public List<SlaSubject> createdBetween(TenantId tenant, Instant from, Instant to) {
            return List.of();
        }
    };

    private final ObjectProvider<SlaSubjects> subjects;
    private final JdbcContracts contracts;
    private final JdbcRegulatoryClocks regulatory;
    private final JdbcAlarmLog alarms;
    private final SlaSettings settings;
    private final Clock clock;

    SlaFeature(ObjectProvider<SlaSubjects> subjects, JdbcContracts contracts, JdbcRegulatoryClocks regulatory,
               JdbcAlarmLog alarms, SlaSettings settings, Clock clock) {
        this.subjects = subjects;
        this.contracts = contracts;
        this.regulatory = regulatory;
        this.alarms = alarms;
        this.settings = settings;
        this.clock = clock;
    }

    SlaSubjects subjects() {
        return subjects.getIfAvailable(() -> NO_INCIDENTS);
    }

    JdbcContracts contracts() {
        return contracts;
    }

    JdbcRegulatoryClocks regulatory() {
        return regulatory;
    }

    JdbcAlarmLog alarms() {
        return alarms;
    }

    SlaSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    /** The incident, or a 404 naming it (another tenant's incident is not found either). */
    SlaSubject incident(Tenant tenant, UUID incidentId) {
        return subjects().find(tenant.id(), incidentId)
                .orElseThrow(() -> new NotFoundException("tenant " + tenant.slug().value() + " has no incident " + incidentId));
    }

    /** Every clock of one incident now: SLA clocks under the tenant's contract, regulatory deadlines. */
    public Optional<IncidentClocks> clocks(TenantId tenant, UUID incidentId) {
        return subjects().find(tenant, incidentId).map(subject -> clocks(contracts.effective(tenant), subject));
    }

    IncidentClocks clocks(Contract contract, SlaSubject subject) {
        return IncidentClocks.of(contract, subject, regulatory.list(subject.tenant(), subject.incidentId()),
                settings.reminderPermille(), clock.instant());
    }

    SlaScheduler scheduler(List<ClockAlarm.Listener> listeners) {
        SlaSubjects lookedUpEachRound = new SlaSubjects() {
            @Override
            public List<SlaSubject> active() {
                return subjects().active();
            }

            @Override
            public Optional<SlaSubject> find(TenantId tenant, UUID incidentId) {
                return subjects().find(tenant, incidentId);
            }

            @Override
            public List<SlaSubject> createdBetween(TenantId tenant, Instant from, Instant to) {
                return subjects().createdBetween(tenant, from, to);
            }
        };
        return new SlaScheduler(lookedUpEachRound, contracts, regulatory, alarms, listeners, settings.reminderPermille(), clock);
    }
}
