package io.vigil.store;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository method of tenant data that legitimately takes no tenant, with the reason: the tenant follows
 * from a credential it verifies, or the data is the MSSP's own. Every other public method of a tenant-data
 * repository takes the {@link io.vigil.core.tenant.TenantId} first; the architecture test enforces both.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CrossTenant {
    /** Why no tenant scope is needed. */
    String value();
}
