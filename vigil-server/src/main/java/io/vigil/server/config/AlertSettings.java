package io.vigil.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Platform alerts to the MSSP's own operators (see docs/operations.md): conditions of the installation such as the
 * journal's disk filling up. E-mail goes through the SMTP relay of {@code vigil.notifications}; the webhook is signed
 * like tenant webhooks. Neither is a tenant's route: these are the installation's operators.
 *
 * @param operatorEmails        e-mail addresses of the operators, separated by commas (at most 20); empty: no e-mail.
 *                              Needs {@code vigil.notifications.smtp-host}
 * @param operatorWebhookUrl    http(s) URL the operators' webhook is POSTed to (a chat bridge, a pager); empty: none.
 *                              Set by the operator, so private addresses are allowed
 * @param operatorWebhookSecret HMAC-SHA256 key of the webhook's {@code X-Vigil-Signature} (16-500 characters);
 *                              required with a webhook URL
 * @param checkInterval         how often platform conditions are checked (100 ms to 1 minute); an alert goes out at
 *                              most this late
 * @param resolveAfter          how long a condition must stay clear before its alert is resolved (0 to 1 hour); a
 *                              condition that comes back sooner is the same alert, so a flapping disk sends one
 *                              alert and one resolution
 * @param keepResolved          resolved alerts the API keeps listing, newest first (0-1000)
 * @param installation          how messages name this installation; empty: the host name
 */
public record AlertSettings(List<String> operatorEmails, String operatorWebhookUrl, String operatorWebhookSecret,
                            Duration checkInterval, Duration resolveAfter, Integer keepResolved, String installation) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>]{1,64}@[A-Za-z0-9.-]{1,253}");

    public AlertSettings {
        operatorEmails = operatorEmails == null ? List.of()
                : operatorEmails.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        operatorWebhookUrl = operatorWebhookUrl == null ? "" : operatorWebhookUrl.strip();
        operatorWebhookSecret = operatorWebhookSecret == null ? "" : operatorWebhookSecret;
        checkInterval = checkInterval == null ? Duration.ofSeconds(5) : checkInterval;
        resolveAfter = resolveAfter == null ? Duration.ofMinutes(2) : resolveAfter;
        keepResolved = keepResolved == null ? 100 : keepResolved;
        installation = installation == null ? "" : installation.strip();
        List<String> problems = new ArrayList<>();
        if (operatorEmails.size() > 20 || operatorEmails.stream().anyMatch(a -> !EMAIL.matcher(a).matches())) {
            problems.add("vigil.alerts.operator-emails must be at most 20 e-mail addresses, was " + operatorEmails);
        }
        if (!operatorWebhookUrl.isEmpty()) {
            try {
                URI uri = URI.create(operatorWebhookUrl);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add("vigil.alerts.operator-webhook-url must be an http or https URL with a host");
                }
            } catch (IllegalArgumentException e) {
                problems.add("vigil.alerts.operator-webhook-url is not a URL: " + e.getMessage());
            }
            if (operatorWebhookSecret.length() < 16 || operatorWebhookSecret.length() > 500) {
                problems.add("vigil.alerts.operator-webhook-secret must be 16-500 characters with a webhook URL");
            }
        }
        if (checkInterval.compareTo(Duration.ofMillis(100)) < 0 || checkInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            problems.add("vigil.alerts.check-interval must be 100 ms to 1 minute, was " + checkInterval);
        }
        if (resolveAfter.isNegative() || resolveAfter.compareTo(Duration.ofHours(1)) > 0) {
            problems.add("vigil.alerts.resolve-after must be 0 to 1 hour, was " + resolveAfter);
        }
        if (keepResolved < 0 || keepResolved > 1000) {
            problems.add("vigil.alerts.keep-resolved must be 0-1000, was " + keepResolved);
        }
        if (installation.length() > 100) {
            problems.add("vigil.alerts.installation must be at most 100 characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    @Override
    public String toString() {
        return "AlertSettings[operatorEmails=" + operatorEmails + ", operatorWebhookUrl=" + operatorWebhookUrl
                + ", operatorWebhookSecret=" + (operatorWebhookSecret.isEmpty() ? "" : "****") + ", checkInterval="
                + checkInterval + ", resolveAfter=" + resolveAfter + ", keepResolved=" + keepResolved + ", installation="
                + installation + "]";
    }
}
