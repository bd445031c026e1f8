package io.vigil.server.security;

/**
 * Request attributes through which access enforcement tells later stages (the audit log) what it decided.
 */
public final class AccessAttributes {

    /** The {@link io.vigil.core.tenant.Tenant} named by {@code {tenant}}, once resolved and visible. */
    public static final String TENANT = "vigil.access.tenant";
    /** The id of the tenant the request concerned, even when it was refused (a {@link io.vigil.core.tenant.TenantId}). */
    public static final String CONCERNED_TENANT = "vigil.access.concernedTenant";
    /** Why access was refused, as a short reason, when it was. */
    public static final String DENIED = "vigil.access.denied";
    /**
     * The {@link VigilPrincipal} that authenticated the request, set by the authentication filters so that a refusal
     * before any handler runs (Spring Security's 403, a missing CSRF token) is still recorded with who asked.
     */
    public static final String PRINCIPAL = "vigil.access.principal";
    /** The permission the handler required (a {@link io.vigil.core.access.Permission}), if any. */
    public static final String PERMISSION = "vigil.access.permission";

    private AccessAttributes() {
    }
}
