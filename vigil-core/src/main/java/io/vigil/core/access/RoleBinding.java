package io.vigil.core.access;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A role held on one tenant, or on every tenant ({@code tenant} empty), possibly until a moment (just-in-time
 * grants). Platform permissions come only from bindings to every tenant.
 *
 * @param tenant    the tenant, or {@code null} for all tenants (MSSP roles only)
 * @param expiresAt when the binding stops counting, {@code null} for never
 */
public record RoleBinding(Role role, TenantId tenant, Instant expiresAt) {

    public RoleBinding {
        Objects.requireNonNull(role, "role");
        if (tenant == null && role.audience() == Role.Audience.CLIENT) {
            throw new IllegalArgumentException("client role " + role.code() + " must be bound to one tenant");
        }
    }

    public static RoleBinding allTenants(Role role) {
        return new RoleBinding(role, null, null);
    }

    public static RoleBinding on(Role role, TenantId tenant) {
        return new RoleBinding(role, Objects.requireNonNull(tenant, "tenant"), null);
    }

    public Optional<TenantId> tenantScope() {
        return Optional.ofNullable(tenant);
    }

    public boolean isAllTenants() {
        return tenant == null;
    }

    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
