/**
 * Relational storage over plain JDBC: {@link io.vigil.store.Database} opens a pooled connection to H2
 * (embedded default) or PostgreSQL (production) and applies the one set of Flyway migrations both share.
 * Feature packages hold the repositories ({@code tenant}, {@code ingestkey}, {@code apitoken},
 * {@code event}, {@code failure}).
 *
 * <p>Tenancy: every row of tenant data carries {@code tenant_id} and every repository method on tenant
 * data takes the {@link io.vigil.core.tenant.TenantId} as its first parameter; an object of another
 * tenant is simply not found. Methods that span tenants live only in classes named for platform
 * administration ({@link io.vigil.store.tenant.TenantDirectory}) or on the platform side of a
 * credential check ({@code verify}).
 *
 * <p>Failures: SQL errors surface as {@link io.vigil.core.error.TemporaryException} (connection lost,
 * serialization conflict: retry) or {@link io.vigil.core.error.PermanentException}; see
 * {@link io.vigil.store.SqlErrors}.
 */
package io.vigil.store;
