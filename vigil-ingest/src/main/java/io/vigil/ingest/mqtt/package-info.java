/**
 * MQTT input: {@link io.vigil.ingest.mqtt.MqttInput} subscribes to a broker (MQTT 5, QoS 1, persistent session,
 * optional TLS) for every topic filter of every tenant's {@link io.vigil.ingest.mqtt.TopicMapping}, routes each
 * message through {@link io.vigil.ingest.mqtt.TopicRouter} to its tenant and codec, and acknowledges it only once
 * the journal holds it. A topic no mapping claims is counted and dropped; an oversize payload goes to the failure
 * store.
 */
package io.vigil.ingest.mqtt;
