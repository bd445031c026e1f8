package io.vigil.soc.contract;

import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One step of a contract's escalation chain: when an incident of one of {@code priorities} is still open
 * {@code after} its creation (wall-clock time), it goes to {@code tier} and the contact {@code contact} is told.
 *
 * @param contact the id of one of the contract's contacts, or empty for the MSSP side only
 */
public record EscalationStep(Duration after, Set<Priority> priorities, Tier tier, String contact) {

    public EscalationStep {
        Objects.requireNonNull(after, "after");
        if (after.isNegative() || after.compareTo(Targets.MAX) > 0) {
            throw new IllegalArgumentException("escalation delay must be 0 to 365 days, was " + after);
        }
        priorities = Set.copyOf(priorities);
        if (priorities.isEmpty()) {
            throw new IllegalArgumentException("an escalation step names at least one priority");
        }
        Objects.requireNonNull(tier, "tier");
        contact = contact == null ? "" : contact.strip();
    }
}
