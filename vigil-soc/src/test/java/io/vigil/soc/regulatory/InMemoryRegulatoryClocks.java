package io.vigil.soc.regulatory;

import io.vigil.core.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Regulatory clocks in memory, for the soc module's tests. */
public final class InMemoryRegulatoryClocks implements RegulatoryClocks {

    private final Map<String, RegulatoryClock> clocks = new LinkedHashMap<>();
    private final Clock clock;

    public InMemoryRegulatoryClocks(Clock clock) {
        this.clock = clock;
    }

    private static String key(TenantId tenant, UUID incident, Regime regime) {
        return tenant + "/" + incident + "/" + regime;
    }

    @Override
    public synchronized Optional<RegulatoryClock> start(TenantId tenant, UUID incidentId, Regime regime, Instant awareAt,
                                                        String startedBy) {
        if (clocks.containsKey(key(tenant, incidentId, regime))) {
            return Optional.empty();
        }
        RegulatoryClock started = new RegulatoryClock(tenant, incidentId, regime, awareAt, clock.instant(), startedBy, Map.of());
        clocks.put(key(tenant, incidentId, regime), started);
        return Optional.of(started);
    }

    @Override
    public synchronized List<RegulatoryClock> list(TenantId tenant, UUID incidentId) {
        List<RegulatoryClock> found = new ArrayList<>();
        for (Regime regime : Regime.values()) {
            find(tenant, incidentId, regime).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public synchronized Optional<RegulatoryClock> find(TenantId tenant, UUID incidentId, Regime regime) {
        return Optional.ofNullable(clocks.get(key(tenant, incidentId, regime)));
    }

    @Override
    public synchronized boolean saveDraft(TenantId tenant, UUID incidentId, Step step, Map<String, String> draft, String by) {
        RegulatoryClock c = clocks.get(key(tenant, incidentId, step.regime()));
        if (c == null || c.submittedAt(step).filter(t -> t != null).isPresent()) {
            return false;
        }
        put(c, new StepRecord(step, draft, clock.instant(), by, null, null));
        return true;
    }

    @Override
    public synchronized boolean submit(TenantId tenant, UUID incidentId, Step step, Instant at, String by) {
        RegulatoryClock c = clocks.get(key(tenant, incidentId, step.regime()));
        StepRecord written = c == null ? null : c.steps().get(step);
        if (written == null || written.submittedAt() != null) {
            return false;
        }
        put(c, new StepRecord(step, written.draft(), written.updatedAt(), written.updatedBy(), at, by));
        return true;
    }

    @Override
    public synchronized List<RegulatoryClock> open() {
        return clocks.values().stream().filter(c -> c.submittedAt(Step.finalStep(c.regime())).isEmpty()).toList();
    }

    private void put(RegulatoryClock c, StepRecord record) {
        Map<Step, StepRecord> steps = new EnumMap<>(Step.class);
        steps.putAll(c.steps());
        steps.put(record.step(), record);
        clocks.put(key(c.tenant(), c.incidentId(), c.regime()),
                new RegulatoryClock(c.tenant(), c.incidentId(), c.regime(), c.awareAt(), c.startedAt(), c.startedBy(), steps));
    }
}
