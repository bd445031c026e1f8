/**
 * What collection needs from the database: collector certificates issued by the MSSP CA
 * ({@link io.vigil.store.collection.CollectorCertificates}), declared source networks of plain syslog senders
 * ({@link io.vigil.store.collection.SourceNetworks}), MQTT topic mappings
 * ({@link io.vigil.store.collection.MqttCollectors}) and per-tenant ingest rate limits
 * ({@link io.vigil.store.collection.RateLimits}).
 */
package io.vigil.store.collection;
