package io.vigil.ingest.syslog;

import java.time.Duration;

/**
 * The syslog listeners. Each port is off unless set; 0 picks a free port.
 *
 * @param bindAddress          address every syslog listener binds to
 * @param udpPort              UDP port for plain syslog (senders mapped to tenants by source network); off when unset
 * @param tcpPort              TCP port for plain syslog (LF or octet-counted framing, detected per frame); off when unset
 * @param tlsPort              TCP port for syslog over TLS (RFC 5425) with client certificates from the MSSP CA; off when unset
 * @param maxFrameBytes        longest syslog message; a longer one is counted, its head kept in the failure store, the rest skipped
 * @param maxConnections       most open TCP and TLS connections together; more are closed at once and counted as refused
 * @param codec                codec tagged on events whose network or certificate names none
 * @param idleTimeout          a TCP or TLS connection that sends nothing for this long is closed
 * @param maxPendingAppends    journal appends in flight per connection before it stops reading (back-pressure)
 * @param udpMaxPendingAppends journal appends in flight on the UDP listener before datagrams are dropped (counted per tenant)
 * @param handshakeTimeout     a TLS handshake that does not complete within this time closes the connection
 */
public record SyslogConfig(String bindAddress, Integer udpPort, Integer tcpPort, Integer tlsPort, Integer maxFrameBytes,
                           Integer maxConnections, String codec, Duration idleTimeout, Integer maxPendingAppends,
                           Integer udpMaxPendingAppends, Duration handshakeTimeout) {

    public static final SyslogConfig DEFAULTS = new SyslogConfig(null, null, null, null, null, null, null, null, null, null, null);

    public SyslogConfig {
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress;
        checkPort(udpPort, "udpPort");
        checkPort(tcpPort, "tcpPort");
        checkPort(tlsPort, "tlsPort");
        maxFrameBytes = atLeast(maxFrameBytes, 64 * 1024, 480, "maxFrameBytes");
        if (maxFrameBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at most 16 MiB, was " + maxFrameBytes);
        }
        maxConnections = atLeast(maxConnections, 10_000, 1, "maxConnections");
        codec = codec == null || codec.isBlank() ? "syslog" : codec.strip();
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        maxPendingAppends = atLeast(maxPendingAppends, 32, 1, "maxPendingAppends");
        udpMaxPendingAppends = atLeast(udpMaxPendingAppends, 64, 1, "udpMaxPendingAppends");
        handshakeTimeout = handshakeTimeout == null ? Duration.ofSeconds(10) : handshakeTimeout;
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive");
        }
    }

    /** Whether any listener is configured. */
    public boolean anyEnabled() {
        return udpPort != null || tcpPort != null || tlsPort != null;
    }

    public SyslogConfig withPorts(Integer udp, Integer tcp, Integer tls) {
        return new SyslogConfig(bindAddress, udp, tcp, tls, maxFrameBytes, maxConnections, codec, idleTimeout,
                maxPendingAppends, udpMaxPendingAppends, handshakeTimeout);
    }

    private static void checkPort(Integer port, String name) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException(name + " must be 0-65535, was " + port);
        }
    }

    private static int atLeast(Integer value, int fallback, int min, String name) {
        int v = value == null ? fallback : value;
        if (v < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + v);
        }
        return v;
    }
}
