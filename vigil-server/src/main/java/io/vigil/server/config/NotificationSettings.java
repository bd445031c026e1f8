package io.vigil.server.config;

import io.vigil.soc.notify.SmtpSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * Outgoing notifications (see docs/incidents.md, "Notifications"). Webhook targets are checked by the SSRF policy;
 * the SMTP relay is the operator's and is not.
 *
 * @param smtpHost     SMTP relay for e-mail notifications; empty disables e-mail (deliveries on e-mail routes then
 *                     fail permanently and show in the dead-letter list)
 * @param smtpPort     SMTP port (1-65535)
 * @param smtpFrom     sender address of notification e-mail
 * @param smtpUsername user for SMTP authentication; empty for an unauthenticated relay
 * @param smtpPassword password for SMTP authentication
 * @param smtpStarttls require STARTTLS before sending
 * @param maxAttempts  attempts per delivery before it goes to the dead-letter list (1-20)
 * @param backoff      wait before the second attempt; each further wait doubles, at most one hour (1 second to 1
 *                     hour)
 */
public record NotificationSettings(String smtpHost, Integer smtpPort, String smtpFrom, String smtpUsername,
                                   String smtpPassword, Boolean smtpStarttls, Integer maxAttempts, Duration backoff) {

    public NotificationSettings {
        smtpHost = smtpHost == null ? "" : smtpHost.strip();
        smtpPort = smtpPort == null ? 25 : smtpPort;
        smtpFrom = smtpFrom == null ? "vigil@localhost" : smtpFrom;
        smtpUsername = smtpUsername == null ? "" : smtpUsername;
        smtpPassword = smtpPassword == null ? "" : smtpPassword;
        smtpStarttls = smtpStarttls == null ? Boolean.FALSE : smtpStarttls;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        backoff = backoff == null ? Duration.ofSeconds(30) : backoff;
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new IllegalArgumentException("vigil.notifications.smtp-port must be 1-65535, was " + smtpPort);
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("vigil.notifications.max-attempts must be 1-20, was " + maxAttempts);
        }
        if (backoff.compareTo(Duration.ofSeconds(1)) < 0 || backoff.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("vigil.notifications.backoff must be 1s to 1h, was " + backoff);
        }
    }

    /** The SMTP relay, or empty when e-mail is off ({@code smtp-host} empty). */
    public Optional<SmtpSettings> smtp() {
        return smtpHost.isEmpty() ? Optional.empty() : Optional.of(new SmtpSettings(smtpHost, smtpPort, smtpFrom,
                smtpUsername.isEmpty() ? null : smtpUsername, smtpPassword, smtpStarttls, Duration.ofSeconds(20)));
    }

    @Override
    public String toString() {
        return "NotificationSettings[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", smtpFrom=" + smtpFrom
                + ", smtpUsername=" + smtpUsername + ", smtpPassword=" + (smtpPassword.isEmpty() ? "" : "****")
                + ", smtpStarttls=" + smtpStarttls + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff + "]";
    }
}
