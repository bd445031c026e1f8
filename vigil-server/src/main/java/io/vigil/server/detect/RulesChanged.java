package io.vigil.server.detect;

import io.vigil.core.tenant.TenantId;

/**
 * Published after a rule set change is committed: a tenant's rules, switches or exceptions ({@code tenant} set), or
 * the MSSP-wide rules ({@code tenant} null, which concerns every tenant). {@link TenantRuleSets} drops what it cached.
 */
public record RulesChanged(TenantId tenant) {

    public static RulesChanged msspWide() {
        return new RulesChanged(null);
    }
}
