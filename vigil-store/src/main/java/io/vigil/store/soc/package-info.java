/**
 * JDBC repositories of the SOC engine ({@code io.vigil.soc}): incidents with their attachments
 * ({@code soc.incident}), the asset registry, suppressions and change windows ({@code soc.triage}), notification routes
 * and the outbox ({@code soc.notify}); migration {@code V18__incidents.sql}. Documents are JSON written by
 * {@link io.vigil.store.soc.SocJson}; {@link io.vigil.store.soc.SocRecords} holds the small per-tenant records.
 */
package io.vigil.store.soc;
