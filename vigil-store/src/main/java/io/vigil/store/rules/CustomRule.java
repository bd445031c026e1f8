package io.vigil.store.rules;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A Sigma rule document added on top of the shipped rules.
 *
 * @param tenant the tenant it belongs to, {@code null} for an MSSP-wide rule
 * @param ruleId the rule's Sigma {@code id}, unique within its scope
 */
public record CustomRule(UUID id, TenantId tenant, String ruleId, String yaml, Instant createdAt, String createdBy) {

    public CustomRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    public boolean msspWide() {
        return tenant == null;
    }
}
