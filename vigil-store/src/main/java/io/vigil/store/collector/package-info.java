/** Collection settings per tenant: MQTT topic mappings ({@link io.vigil.store.collector.MqttCollectors}) and ingest rate limits ({@link io.vigil.store.collector.RateLimits}). */
package io.vigil.store.collector;
