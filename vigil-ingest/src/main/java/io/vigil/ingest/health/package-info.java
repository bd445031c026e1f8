/**
 * Log-source health: {@link io.vigil.ingest.health.SourceHealthRegistry} keeps, per (tenant, input, source), first
 * and last seen, events, bytes, decode failures, the codec and the rate, learns an hourly baseline and raises the
 * "log source silent" signal. It is fed after decoding by {@link io.vigil.ingest.health.SourceHealthOutput} (decoded
 * events) and {@link io.vigil.ingest.health.SourceHealthFailures} (records that failed to decode), and evaluated and
 * persisted periodically by {@link io.vigil.ingest.health.SourceHealthMonitor}.
 */
package io.vigil.ingest.health;
