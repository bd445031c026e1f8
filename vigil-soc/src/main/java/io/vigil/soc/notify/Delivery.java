package io.vigil.soc.notify;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One notification on its way through one route: pending until sent, then delivered; dead after the last attempt or a
 * permanent failure, where operators see it and can send it again.
 *
 * @param recipient the e-mail address of a contract contact this delivery goes to directly (escalation chain), with
 *                  {@link #CONTACT_ROUTE} as its route; null for a delivery through one of the tenant's routes
 */
public record Delivery(UUID id, TenantId tenant, UUID routeId, String routeName, Notification notification,
                       int attempts, Instant nextAttemptAt, String lastError, State state, Instant updatedAt,
                       String recipient) {

    /** The route id of deliveries to a contract contact, which go by e-mail to {@link #recipient()}. */
    public static final UUID CONTACT_ROUTE = new UUID(0L, 0L);

    public enum State { PENDING, DELIVERED, DEAD }

    public Delivery(UUID id, TenantId tenant, UUID routeId, String routeName, Notification notification, int attempts,
                    Instant nextAttemptAt, String lastError, State state, Instant updatedAt) {
        this(id, tenant, routeId, routeName, notification, attempts, nextAttemptAt, lastError, state, updatedAt, null);
    }

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    Delivery with(int attempts, Instant next, String error, State state, Instant now) {
        return new Delivery(id, tenant, routeId, routeName, notification, attempts, next,
                error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error, state, now, recipient);
    }
}
