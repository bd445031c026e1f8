package io.vigil.soc.notify;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.tenant.TenantId;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.contract.Contact;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.IncidentListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns incident events into deliveries on every matching route of the tenant (the outbox), and works the outbox:
 * {@link #deliverDue(int)} sends what is due; a temporary failure is retried after {@code backoff × 2^(attempts−1)}
 * (at most one hour) until {@code maxAttempts}; then, or at once on a permanent failure, the delivery is dead and
 * listed for operators, who can {@link #retry} it.
 */
public final class Notifier implements IncidentListener {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final Routes routes;
    private final Deliveries deliveries;
    private final Map<Channel, Sender> senders;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;

    public Notifier(Routes routes, Deliveries deliveries, Map<Channel, Sender> senders, Clock clock, int maxAttempts,
                    Duration backoff) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.senders = Map.copyOf(senders);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    @Override
    public void opened(Incident incident) {
        enqueue(notification(incident, NotificationKind.OPENED, "New incident",
                "Priority " + incident.priority() + " because " + incident.priorityReason()));
    }

    @Override
    public void escalated(Incident incident, String reason) {
        enqueue(notification(incident, NotificationKind.ESCALATED, "Escalated to " + incident.tier(), reason));
    }

    @Override
    public void alarm(Incident incident, ClockAlarm alarm) {
        boolean breach = alarm.stage() == ClockAlarm.Stage.BREACH;
        enqueue(notification(incident, breach ? NotificationKind.SLA_BREACH : NotificationKind.SLA_WARNING,
                (breach ? "SLA breached: " : "SLA warning: ") + alarm.clock(),
                alarm.message() + " (due " + alarm.dueAt() + ", " + Math.round(alarm.fraction() * 100) + "% elapsed)"));
    }

    /** A step of the contract's escalation chain: the contact hears of it by e-mail (a phone-only contact cannot). */
    @Override
    public void contactEscalated(Incident incident, Contact contact, String reason) {
        if (contact.email().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "contact " + contact.id() + " of tenant " + incident.tenant()
                    + " has no e-mail address; escalation of incident " + incident.id() + " not sent to them");
            return;
        }
        Notification n = notification(incident, NotificationKind.ESCALATED, "Escalated to you (" + contact.name() + ")",
                reason);
        try {
            Instant now = clock.instant();
            deliveries.save(n.tenant(), new Delivery(UUID.randomUUID(), n.tenant(), Delivery.CONTACT_ROUTE,
                    "contact " + contact.id(), n, 0, now, null, Delivery.State.PENDING, now, contact.email()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "escalation to contact " + contact.id() + " not queued", e);
        }
    }

    private Notification notification(Incident i, NotificationKind kind, String what, String detail) {
        String subject = "[Vigil " + i.priority() + "] " + what + ": " + i.title();
        String text = what + "\n\nIncident: " + i.id() + "\nTitle: " + i.title() + "\nPriority: " + i.priority()
                + "\nState: " + i.state().code() + "\nTier: " + i.tier() + "\nAssignee: "
                + (i.assignee() == null ? "-" : i.assignee()) + "\n\n" + detail + "\n";
        return new Notification(i.tenant(), i.id(), kind, i.priority(), i.tier(), i.escalationStep(),
                subject.length() > 250 ? subject.substring(0, 250) : subject, text, clock.instant());
    }

    /** Queues the notification on every matching route; returns the deliveries. Never throws (a listener). */
    public List<Delivery> enqueue(Notification n) {
        try {
            Instant now = clock.instant();
            return routes.list(n.tenant()).stream().filter(r -> r.matches(n))
                    .map(r -> deliveries.save(n.tenant(), new Delivery(UUID.randomUUID(), n.tenant(), r.id(), r.name(), n, 0, now,
                            null, Delivery.State.PENDING, now)))
                    .toList();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "notification for incident " + n.incidentId() + " not queued", e);
            return List.of();
        }
    }

    /** Attempts every due delivery (at most {@code limit}); returns how many were attempted. */
    public int deliverDue(int limit) {
        List<Delivery> due = deliveries.due(clock.instant(), limit);
        for (Delivery d : due) {
            attempt(d);
        }
        return due.size();
    }

    Delivery attempt(Delivery d) {
        Instant now = clock.instant();
        int attempts = d.attempts() + 1;
        Optional<Route> route = d.recipient() != null
                ? Optional.of(new Route(Delivery.CONTACT_ROUTE, d.tenant(), d.routeName(), Channel.EMAIL, d.recipient(),
                        null, null, null, 0))
                : routes.find(d.tenant(), d.routeId());
        if (route.isEmpty()) {
            return deliveries.save(d.tenant(), d.with(attempts, now, "route was removed", Delivery.State.DEAD, now));
        }
        Sender sender = senders.get(route.get().channel());
        try {
            if (sender == null) {
                throw new PermanentException("no " + route.get().channel().code() + " sender is configured");
            }
            sender.send(route.get(), d.notification(), d.id());
            return deliveries.save(d.tenant(), d.with(attempts, now, null, Delivery.State.DELIVERED, now));
        } catch (TemporaryException e) {
            if (attempts >= maxAttempts) {
                return deliveries.save(d.tenant(), d.with(attempts, now, e.getMessage() + " (after " + attempts + " attempts)",
                        Delivery.State.DEAD, now));
            }
            return deliveries.save(d.tenant(), d.with(attempts, now.plus(backoff(attempts)), e.getMessage(), Delivery.State.PENDING, now));
        } catch (PermanentException e) {
            return deliveries.save(d.tenant(), d.with(attempts, now, e.getMessage(), Delivery.State.DEAD, now));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "delivery " + d.id() + " failed unexpectedly", e);
            return deliveries.save(d.tenant(), d.with(attempts, now.plus(backoff(attempts)), String.valueOf(e), 
                    attempts >= maxAttempts ? Delivery.State.DEAD : Delivery.State.PENDING, now));
        }
    }

    Duration backoff(int attempts) {
        Duration wait = backoff.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** Sends a dead delivery again from the first attempt. */
    public Delivery retry(TenantId tenant, UUID deliveryId) {
        Delivery d = deliveries.find(tenant, deliveryId)
                .orElseThrow(() -> new IllegalArgumentException("no delivery " + deliveryId));
        if (d.state() != Delivery.State.DEAD) {
            throw new IllegalArgumentException("only a dead delivery can be retried; it is " + d.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        Instant now = clock.instant();
        return deliveries.save(d.tenant(), d.with(0, now, d.lastError(), Delivery.State.PENDING, now));
    }
}
