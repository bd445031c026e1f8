/**
 * Collection settings per tenant and the inputs they drive: MQTT topic mappings and the MQTT input
 * ({@link io.vigil.server.collect.CollectWiring}), per-tenant ingest rate limits and the admission shared by the
 * inputs.
 */
package io.vigil.server.collect;
