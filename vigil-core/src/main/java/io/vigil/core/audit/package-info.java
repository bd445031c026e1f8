/**
 * What the audit log records ({@link io.vigil.core.audit.AuditRecord}) and where code hands it
 * ({@link io.vigil.core.audit.AuditSink}). The tamper-evident log itself lives in the store.
 */
package io.vigil.core.audit;
