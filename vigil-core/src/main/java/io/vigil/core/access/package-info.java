/**
 * Who may do what to which tenant: {@link io.vigil.core.access.Permission permissions}, the
 * {@link io.vigil.core.access.Role roles} that bundle them (the one table of the access model), the
 * {@link io.vigil.core.access.RoleBinding bindings} of roles to tenants, and the {@link io.vigil.core.access.Access}
 * they add up to for one principal. Plain Java: the server enforces it, the store persists bindings.
 */
package io.vigil.core.access;
