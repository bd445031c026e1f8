package io.vigil.ingest.mqtt;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The MQTT input's broker connection ({@code vigil.ingest.mqtt.*}). Topic mappings are per tenant, in the
 * database ({@code /api/v1/tenants/{tenant}/collectors/mqtt}).
 *
 * @param enabled           whether to connect at all (false)
 * @param host              broker host (127.0.0.1)
 * @param port              broker port (1883; 8883 is usual with TLS)
 * @param tls               connect over TLS 1.2+ (false)
 * @param trustStore        PKCS#12 trust store for the broker's certificate; unset: the JDK's default trust
 * @param trustStorePassword its password
 * @param username          broker user name, unset for none
 * @param password          broker password
 * @param clientId          client identifier; the broker keeps the QoS 1 session under it (vigil-ingest)
 * @param sessionExpiry     how long the broker keeps the session and its queued messages while disconnected (1 h)
 * @param maxPayloadBytes   larger payloads go to the failure store, not the journal (1 MiB)
 * @param maxInFlight       unacknowledged messages the broker may send before it waits (1000)
 * @param reconnectInitial  first reconnect delay (1 s), doubled up to {@code reconnectMax} (60 s)
 * @param reconnectMax      longest reconnect delay
 * @param refreshInterval   how often the mappings are reloaded from the database (30 s; changes through the API
 *                          apply at once)
 */
public record MqttConfig(Boolean enabled, String host, Integer port, Boolean tls, Path trustStore,
                         String trustStorePassword, String username, String password, String clientId,
                         Duration sessionExpiry, Integer maxPayloadBytes, Integer maxInFlight, Duration reconnectInitial,
                         Duration reconnectMax, Duration refreshInterval) {

    public static final MqttConfig DEFAULTS = new MqttConfig(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    public MqttConfig {
        enabled = enabled != null && enabled;
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        port = port == null ? 1883 : port;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
        tls = tls != null && tls;
        clientId = clientId == null || clientId.isBlank() ? "vigil-ingest" : clientId.strip();
        if (clientId.length() > 64) {
            throw new IllegalArgumentException("clientId must be at most 64 characters");
        }
        sessionExpiry = positive(sessionExpiry, Duration.ofHours(1), "sessionExpiry");
        maxPayloadBytes = maxPayloadBytes == null ? 1024 * 1024 : maxPayloadBytes;
        if (maxPayloadBytes < 64 || maxPayloadBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxPayloadBytes must be 64 B-64 MiB, was " + maxPayloadBytes);
        }
        maxInFlight = maxInFlight == null ? 1000 : maxInFlight;
        if (maxInFlight < 1 || maxInFlight > 65535) {
            throw new IllegalArgumentException("maxInFlight must be 1-65535, was " + maxInFlight);
        }
        reconnectInitial = positive(reconnectInitial, Duration.ofSeconds(1), "reconnectInitial");
        reconnectMax = positive(reconnectMax, Duration.ofSeconds(60), "reconnectMax");
        if (reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("reconnectMax must not be shorter than reconnectInitial");
        }
        refreshInterval = positive(refreshInterval, Duration.ofSeconds(30), "refreshInterval");
    }

    /**
     * The largest packet the broker may send us: payloads between {@link #maxPayloadBytes} and this are kept in
     * the failure store; the broker drops larger ones for this client (MQTT 5 maximum packet size).
     */
    public int maxPacketBytes() {
        return (int) Math.min(256L * 1024 * 1024, 4L * maxPayloadBytes + 64 * 1024);
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration v = value == null ? fallback : value;
        if (v.isNegative() || v.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        return "MqttConfig[" + host + ":" + port + (tls ? " tls" : "") + ", clientId=" + clientId + "]";
    }
}
