package io.vigil.soc.notify;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.Priority;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a tenant's notifications go: for incidents of the given priorities, on the given events, once the incident
 * was escalated at least {@code minEscalationStep} times (0: from the start), to e-mail addresses or a webhook.
 *
 * @param target comma-separated e-mail addresses, or the webhook's http(s) URL
 * @param secret the webhook's HMAC-SHA256 key (at least 16 characters); null for e-mail. Never shown by the API
 */
public record Route(UUID id, TenantId tenant, String name, Channel channel, String target, String secret,
                    Set<Priority> priorities, Set<NotificationKind> events, int minEscalationStep) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>]{1,64}@[A-Za-z0-9.-]{1,253}");

    public Route {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add("name is required (1-200 characters)");
        }
        if (channel == null) {
            problems.add("channel is required (email or webhook)");
        } else if (target == null || target.isBlank() || target.length() > 2000) {
            problems.add("target is required (1-2000 characters)");
        } else if (channel == Channel.EMAIL) {
            if (recipients(target).stream().anyMatch(a -> !EMAIL.matcher(a).matches()) || recipients(target).size() > 20) {
                problems.add("target must be 1-20 comma-separated e-mail addresses");
            }
        } else {
            try {
                URI uri = URI.create(target);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add("target must be an http or https URL with a host");
                }
            } catch (IllegalArgumentException e) {
                problems.add("target is not a URL: " + e.getMessage());
            }
            if (secret == null || secret.length() < 16 || secret.length() > 500) {
                problems.add("a webhook needs a secret of 16-500 characters");
            }
        }
        priorities = priorities == null || priorities.isEmpty() ? Set.of(Priority.values()) : Set.copyOf(priorities);
        events = events == null || events.isEmpty() ? Set.of(NotificationKind.values()) : Set.copyOf(events);
        if (minEscalationStep < 0 || minEscalationStep > 10) {
            problems.add("minEscalationStep must be 0-10");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("route is invalid: " + String.join("; ", problems));
        }
    }

    public boolean matches(Notification n) {
        return priorities.contains(n.priority()) && events.contains(n.kind()) && n.escalationStep() >= minEscalationStep;
    }

    public List<String> recipients() {
        return recipients(target);
    }

    private static List<String> recipients(String target) {
        return java.util.Arrays.stream(target.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
