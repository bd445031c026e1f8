/**
 * Collection settings per tenant and the inputs they drive: the MSSP certificate authority, collector certificates,
 * source networks and the syslog listeners ({@link io.vigil.server.collection.CollectionWiring}); MQTT topic
 * mappings and the MQTT input ({@link io.vigil.server.collection.CollectWiring}); per-tenant ingest rate limits and
 * the admission shared by the inputs.
 */
package io.vigil.server.collection;
