package io.vigil.core.access;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one principal may do, computed from its role bindings at one moment and, for an API token, narrowed to
 * the token's tenants and permissions. Immutable. A tenant is <em>visible</em> when the principal holds any
 * permission on it; an invisible tenant must look exactly like a tenant that does not exist.
 */
public final class Access {

    private static final Access NONE = new Access(EnumSet.noneOf(Permission.class), EnumSet.noneOf(Permission.class),
            Map.of());

    private final Set<Permission> platform;
    private final Set<Permission> everyTenant;
    private final Map<TenantId, Set<Permission>> perTenant;

    private Access(Set<Permission> platform, Set<Permission> everyTenant, Map<TenantId, Set<Permission>> perTenant) {
        this.platform = Collections.unmodifiableSet(platform);
        this.everyTenant = Collections.unmodifiableSet(everyTenant);
        this.perTenant = Collections.unmodifiableMap(perTenant);
    }

    /** Nothing at all: a session that must still change its password or enrol MFA. */
    public static Access none() {
        return NONE;
    }

    /** The permissions of the bindings active at {@code now}. */
    public static Access of(Collection<RoleBinding> bindings, Instant now) {
        Objects.requireNonNull(now, "now");
        Set<Permission> platform = EnumSet.noneOf(Permission.class);
        Set<Permission> everyTenant = EnumSet.noneOf(Permission.class);
        Map<TenantId, Set<Permission>> perTenant = new HashMap<>();
        for (RoleBinding binding : bindings) {
            if (!binding.activeAt(now)) {
                continue;
            }
            for (Permission p : binding.role().permissions()) {
                if (p.isPlatform()) {
                    if (binding.isAllTenants()) {
                        platform.add(p);
                    }
                } else if (binding.isAllTenants()) {
                    everyTenant.add(p);
                } else {
                    perTenant.computeIfAbsent(binding.tenant(), t -> EnumSet.noneOf(Permission.class)).add(p);
                }
            }
        }
        return new Access(platform, everyTenant, perTenant);
    }

    /**
     * This access narrowed to some tenants and permissions (an API token's scope).
     *
     * @param tenants     the only tenants left visible, {@code null} for no narrowing
     * @param permissions the only permissions left, {@code null} for no narrowing
     */
    public Access restrictTo(Set<TenantId> tenants, Set<Permission> permissions) {
        Set<Permission> keep = permissions == null ? EnumSet.allOf(Permission.class) : permissions;
        Set<Permission> newPlatform = EnumSet.noneOf(Permission.class);
        if (tenants == null) {
            // a token narrowed to tenants never carries platform-wide power
            newPlatform.addAll(platform);
            newPlatform.retainAll(keep);
        }
        Map<TenantId, Set<Permission>> newPerTenant = new HashMap<>();
        Set<Permission> newEvery = EnumSet.noneOf(Permission.class);
        if (tenants == null) {
            newEvery.addAll(everyTenant);
            newEvery.retainAll(keep);
            perTenant.forEach((tenant, held) -> put(newPerTenant, tenant, held, keep));
        } else {
            for (TenantId tenant : tenants) {
                Set<Permission> held = EnumSet.noneOf(Permission.class);
                held.addAll(everyTenant);
                held.addAll(perTenant.getOrDefault(tenant, Set.of()));
                put(newPerTenant, tenant, held, keep);
            }
        }
        return new Access(newPlatform, newEvery, newPerTenant);
    }

    private static void put(Map<TenantId, Set<Permission>> into, TenantId tenant, Set<Permission> held, Set<Permission> keep) {
        Set<Permission> kept = held.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(held);
        kept.retainAll(keep);
        if (!kept.isEmpty()) {
            into.put(tenant, kept);
        }
    }

    /** Whether the principal holds a platform permission. */
    public boolean can(Permission permission) {
        requireLevel(permission, Permission.Level.PLATFORM);
        return platform.contains(permission);
    }

    /** Whether the principal holds a tenant permission on this tenant. */
    public boolean can(Permission permission, TenantId tenant) {
        requireLevel(permission, Permission.Level.TENANT);
        return everyTenant.contains(permission) || perTenant.getOrDefault(tenant, Set.of()).contains(permission);
    }

    /** Whether the principal holds a tenant permission on every tenant, present and future. */
    public boolean canOnEveryTenant(Permission permission) {
        requireLevel(permission, Permission.Level.TENANT);
        return everyTenant.contains(permission);
    }

    /** Whether the principal holds the permission at all: a platform one, or a tenant one on some tenant. */
    public boolean holdsAnywhere(Permission permission) {
        return permission.isPlatform() ? platform.contains(permission)
                : everyTenant.contains(permission) || perTenant.values().stream().anyMatch(held -> held.contains(permission));
    }

    /** Whether the tenant exists for this principal at all. */
    public boolean sees(TenantId tenant) {
        return !everyTenant.isEmpty() || perTenant.containsKey(tenant);
    }

    /** Whether every tenant is visible (MSSP staff bound to all tenants). */
    public boolean seesEveryTenant() {
        return !everyTenant.isEmpty();
    }

    /** The tenants visible through per-tenant bindings (all tenants are visible if {@link #seesEveryTenant()}). */
    public Set<TenantId> tenants() {
        return perTenant.keySet();
    }

    /** The permissions held on a tenant. */
    public Set<Permission> on(TenantId tenant) {
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        held.addAll(everyTenant);
        held.addAll(perTenant.getOrDefault(tenant, Set.of()));
        return Collections.unmodifiableSet(held);
    }

    public Set<Permission> platform() {
        return platform;
    }

    public boolean isEmpty() {
        return platform.isEmpty() && everyTenant.isEmpty() && perTenant.isEmpty();
    }

    private static void requireLevel(Permission permission, Permission.Level level) {
        if (permission.level() != level) {
            throw new IllegalArgumentException(permission.code() + " is a " + permission.level().name().toLowerCase(java.util.Locale.ROOT)
                    + " permission");
        }
    }

    @Override
    public String toString() {
        return "Access[platform=" + platform + ", everyTenant=" + everyTenant + ", tenants=" + perTenant.keySet() + "]";
    }
}
