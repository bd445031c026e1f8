/**
 * The tamper-evident audit log: {@link io.vigil.store.audit.JdbcAuditLog} appends
 * {@link io.vigil.core.audit.AuditRecord}s as a SHA-256 hash chain of canonical lines
 * ({@link io.vigil.store.audit.AuditEntry#canonical()}) with Ed25519-signed checkpoints
 * ({@link io.vigil.store.audit.AuditSigningKey}); {@link io.vigil.store.audit.AuditVerifier} checks a log offline
 * and {@link io.vigil.store.audit.AuditExport} writes and reads the export auditors verify with standard tools.
 */
package io.vigil.store.audit;
