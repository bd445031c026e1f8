package io.vigil.store.rules;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant's exception: a Sigma filter document suppressing known-benign matches of the rules it names.
 *
 * @param expiresAt when it stops suppressing, {@code null} for never
 */
public record StoredRuleException(UUID id, TenantId tenant, String yaml, String author, String reason,
                                  Instant expiresAt, Instant createdAt) {

    public StoredRuleException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
