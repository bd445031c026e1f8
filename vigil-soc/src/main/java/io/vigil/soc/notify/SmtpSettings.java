package io.vigil.soc.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * The SMTP relay notifications are sent through (set by the operator, so it is not subject to the SSRF policy).
 *
 * @param startTls  require STARTTLS before authenticating
 * @param username  null for an unauthenticated relay
 */
public record SmtpSettings(String host, int port, String from, String username, String password, boolean startTls,
                           Duration timeout) {
    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SMTP host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be 1-65535, was " + port);
        }
        if (from == null || !from.contains("@")) {
            throw new IllegalArgumentException("SMTP from must be an e-mail address, was " + from);
        }
        Objects.requireNonNull(timeout, "timeout");
    }
}
