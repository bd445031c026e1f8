package io.vigil.soc.regulatory;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A regulatory clock started on an incident: the incident was judged significant (NIS-2) or a personal data breach
 * (GDPR) and the regulation's deadlines run from {@code awareAt}, the moment the entity became aware.
 *
 * @param steps what has been drafted or submitted, by step
 */
public record RegulatoryClock(TenantId tenant, UUID incidentId, Regime regime, Instant awareAt, Instant startedAt,
                              String startedBy, Map<Step, StepRecord> steps) {

    public RegulatoryClock {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(awareAt, "awareAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(startedBy, "startedBy");
        Map<Step, StepRecord> copy = new EnumMap<>(Step.class);
        copy.putAll(steps);
        steps = java.util.Collections.unmodifiableMap(copy);
    }

    public Optional<StepRecord> step(Step step) {
        return Optional.ofNullable(steps.get(step));
    }

    public Optional<Instant> submittedAt(Step step) {
        return step(step).map(StepRecord::submittedAt);
    }
}
