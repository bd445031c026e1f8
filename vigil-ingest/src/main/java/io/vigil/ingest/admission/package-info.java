/**
 * Per-tenant fair share at admission: {@link io.vigil.ingest.admission.TenantAdmission} holds a token bucket per
 * tenant (rate and burst in events, a default for all and an override per tenant) and answers every input that
 * asks before journaling, so that a tenant sending far above its rate is refused (HTTP 429 with Retry-After) and
 * cannot fill the journal, the pipeline and the database ahead of everyone else.
 */
package io.vigil.ingest.admission;
