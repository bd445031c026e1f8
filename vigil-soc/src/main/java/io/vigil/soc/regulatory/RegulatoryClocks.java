package io.vigil.soc.regulatory;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where regulatory clocks are kept (the store implements it). Rules live in {@link RegulatoryDeadlines}. */
public interface RegulatoryClocks {

    /**
     * Starts a clock.
     *
     * @return empty when the incident has a clock of this regime already (it is never restarted)
     */
    Optional<RegulatoryClock> start(TenantId tenant, UUID incidentId, Regime regime, Instant awareAt, String startedBy);

    /** The incident's clocks, NIS-2 first. */
    List<RegulatoryClock> list(TenantId tenant, UUID incidentId);

    Optional<RegulatoryClock> find(TenantId tenant, UUID incidentId, Regime regime);

    /**
     * Replaces the draft of a step that is not submitted.
     *
     * @return false when the step was submitted already (a submitted report is never changed)
     */
    boolean saveDraft(TenantId tenant, UUID incidentId, Step step, Map<String, String> draft, String by);

    /**
     * Marks the step submitted at {@code at}.
     *
     * @return false when it was submitted already or has no draft
     */
    boolean submit(TenantId tenant, UUID incidentId, Step step, Instant at, String by);

    /** Every clock of every tenant whose {@link Step#finalStep final step} is not submitted: the scheduler's round. */
    List<RegulatoryClock> open();
}
