/**
 * Ingest keys: the credentials with which a tenant's collectors send telemetry. Managed per tenant;
 * verified on the platform side, where the key itself tells which tenant the telemetry belongs to.
 */
package io.vigil.store.ingestkey;
