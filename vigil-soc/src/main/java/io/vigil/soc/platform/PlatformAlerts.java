package io.vigil.soc.platform;

import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The operators' alarm bell. Each {@link #runOnce() round} asks every condition what is wrong, and keeps one alert per
 * (kind, key) and episode:
 *
 * <ul>
 *   <li>a problem not seen before is <b>raised</b>: operators are told on every channel, the audit log records
 *       {@code platform.alert.raised}, and it is logged at WARN;</li>
 *   <li>while the problem stays, nothing more is sent (the alert's details follow the condition);</li>
 *   <li>once it is gone the alert is <b>clearing</b>; if it comes back within {@link Policy#resolveAfter()} it is the
 *       same episode (a recurrence is counted, nothing is sent), so a flapping disk sends one alert, not one per
 *       flap;</li>
 *   <li>after {@code resolveAfter} without the problem the alert is <b>resolved</b>: operators are told, the audit log
 *       records {@code platform.alert.resolved}.</li>
 * </ul>
 *
 * <p>State is in memory first and saved to a {@link PlatformAlertStore} at each change, so a restart carries an open
 * episode on instead of raising it again, and sends the messages still waiting for a retry (under the same delivery
 * ids). Nothing here writes to local disk, since the disk may be what is full: messages go out over the network, and
 * alert and delivery states and audit records that cannot be written (the database may share the full disk) wait for
 * a later round, audit records in order. Deliveries are retried with exponential backoff up to
 * {@link Policy#maxAttempts()}; one that fails for good is logged at ERROR. One thread calls {@code runOnce}; the
 * views may be read from any thread.
 */
public final class PlatformAlerts {

    private static final System.Logger LOG = System.getLogger(PlatformAlerts.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** A condition reporting more problems than this is misbehaving; the rest are ignored (and logged). */
    static final int MAX_PROBLEMS_PER_CONDITION = 100;
    static final int MAX_AUDIT_BACKLOG = 10_000;

    /**
     * @param resolveAfter how long a problem must stay away before its alert is resolved (the hold-down that
     *                     folds a flapping condition into one episode)
     * @param maxAttempts  attempts per message and channel
     * @param backoff      wait before the second attempt; each further wait doubles, at most one hour
     * @param keepResolved resolved alerts kept for the API, newest first
     */
    public record Policy(Duration resolveAfter, int maxAttempts, Duration backoff, int keepResolved) {
        public Policy {
            Objects.requireNonNull(resolveAfter, "resolveAfter");
            Objects.requireNonNull(backoff, "backoff");
            if (resolveAfter.isNegative() || maxAttempts < 1 || backoff.isNegative() || keepResolved < 0) {
                throw new IllegalArgumentException("invalid platform alert policy " + resolveAfter + ", " + maxAttempts
                        + ", " + backoff + ", " + keepResolved);
            }
        }
    }

    private record AlertKey(PlatformAlertKind kind, String key) {
    }

    private record Outgoing(OperatorDelivery delivery, OperatorMessage message, OperatorChannel channel) {
    }

    private final String installation;
    private final List<PlatformCondition> conditions;
    private final List<OperatorChannel> channels;
    private final AuditSink audit;
    private final PlatformAlertStore store;
    private final Clock clock;
    private final Policy policy;

    private final Object state = new Object();
    private final Map<AlertKey, PlatformAlert> current = new LinkedHashMap<>();
    private final Deque<PlatformAlert> resolved = new ArrayDeque<>();
    private final List<Outgoing> outbox = new ArrayList<>();
    private final Deque<OperatorDelivery> finished = new ArrayDeque<>();
    private final Deque<AuditRecord> auditBacklog = new ArrayDeque<>();
    /** Alerts whose latest state the store has not taken yet, by id; saved again each round. */
    private final Map<UUID, PlatformAlert> unsaved = new LinkedHashMap<>();
    /** Deliveries whose latest state the store has not taken yet, by delivery id; saved again each round. */
    private final Map<UUID, QueuedDelivery> unsavedDeliveries = new LinkedHashMap<>();

    /**
     * Carries on the episodes {@code store} holds: an alert open or clearing when the last process stopped stays
     * so, and operators hear of it again only when it resolves. Messages the last process had not yet delivered are
     * sent at their next attempt; one for a channel no longer configured fails (logged at ERROR).
     */
    public PlatformAlerts(String installation, List<PlatformCondition> conditions, List<OperatorChannel> channels,
                          AuditSink audit, PlatformAlertStore store, Clock clock, Policy policy) {
        this.installation = Objects.requireNonNull(installation, "installation");
        this.conditions = List.copyOf(conditions);
        this.channels = List.copyOf(channels);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        Set<PlatformAlertKind> kinds = new HashSet<>();
        for (PlatformCondition c : this.conditions) {
            if (!kinds.add(c.kind())) {
                throw new IllegalArgumentException("two conditions watch " + c.kind().code() + "; each kind has one");
            }
        }
        for (PlatformAlert alert : store.unresolved()) {
            current.putIfAbsent(new AlertKey(alert.kind(), alert.key()), alert);
        }
        resolved.addAll(store.resolved(policy.keepResolved()));
        finished.addAll(store.finishedDeliveries(finishedToKeep()));
        Instant now = clock.instant();
        for (QueuedDelivery queued : store.pendingDeliveries()) {
            OperatorDelivery delivery = queued.delivery();
            OperatorChannel channel = this.channels.stream().filter(c -> c.name().equals(delivery.channel()))
                    .findFirst().orElse(null);
            if (channel != null) {
                outbox.add(new Outgoing(delivery, queued.message(), channel));
            } else {
                String error = "channel " + delivery.channel() + " is no longer configured";
                logUntold(delivery, error);
                OperatorDelivery failed = new OperatorDelivery(delivery.id(), delivery.alertId(), delivery.event(),
                        delivery.channel(), OperatorDelivery.State.FAILED, delivery.attempts(), now, error, now);
                finish(failed);
                unsavedDeliveries.put(failed.id(), new QueuedDelivery(failed, queued.message()));
            }
        }
    }

    private int finishedToKeep() {
        return Math.max(16, policy.keepResolved() * 4);
    }

    /** One round: ask the conditions, send what is due, write what the audit log still owes. Never throws. */
    public void runOnce() {
        for (PlatformCondition condition : conditions) {
            evaluate(condition);
        }
        // Saved before the first attempt too, so that a message is not lost if the process stops during a send.
        boolean saved = flushStore(false);
        deliverDue();
        flushAudit();
        flushStore(!saved);
    }

    /** Alerts open or clearing, oldest first. */
    public List<PlatformAlert> current() {
        synchronized (state) {
            return current.values().stream().sorted(Comparator.comparing(PlatformAlert::raisedAt)).toList();
        }
    }

    /** Resolved alerts, newest first, at most {@link Policy#keepResolved()}. */
    public List<PlatformAlert> recent() {
        synchronized (state) {
            return List.copyOf(resolved);
        }
    }

    /** The messages of one alert on every channel, pending ones and those kept after they ended. */
    public List<OperatorDelivery> deliveries(UUID alertId) {
        synchronized (state) {
            List<OperatorDelivery> out = new ArrayList<>();
            outbox.stream().map(Outgoing::delivery).filter(d -> d.alertId().equals(alertId)).forEach(out::add);
            finished.stream().filter(d -> d.alertId().equals(alertId)).forEach(out::add);
            out.sort(Comparator.comparing(OperatorDelivery::event).thenComparing(OperatorDelivery::channel));
            return out;
        }
    }

    private void evaluate(PlatformCondition condition) {
        List<PlatformProblem> problems;
        try {
            problems = condition.check();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "platform condition " + condition.kind().code()
                    + " cannot tell; its alerts stay as they are", e);
            return;
        }
        Map<String, PlatformProblem> byKey = new LinkedHashMap<>();
        for (PlatformProblem p : problems) {
            if (p.kind() != condition.kind()) {
                LOG.log(System.Logger.Level.WARNING, "platform condition " + condition.kind().code()
                        + " reported a problem of kind " + p.kind().code() + "; ignored");
            } else if (byKey.size() >= MAX_PROBLEMS_PER_CONDITION) {
                LOG.log(System.Logger.Level.WARNING, "platform condition " + condition.kind().code() + " reported more than "
                        + MAX_PROBLEMS_PER_CONDITION + " problems; the rest are ignored");
                break;
            } else {
                byKey.putIfAbsent(p.key(), p);
            }
        }
        Instant now = clock.instant();
        synchronized (state) {
            for (PlatformProblem p : byKey.values()) {
                AlertKey key = new AlertKey(p.kind(), p.key());
                PlatformAlert existing = current.get(key);
                if (existing == null) {
                    raise(key, PlatformAlert.raised(p, now), now);
                } else {
                    PlatformAlert seen = existing.seen(p, now);
                    current.put(key, seen);
                    if (existing.state() == PlatformAlert.State.CLEARING) {
                        LOG.log(System.Logger.Level.INFO, "platform alert " + existing.id() + " (" + p.kind().code() + ", "
                                + p.key() + ") came back while clearing; same episode, nothing sent");
                        unsaved.put(seen.id(), seen);
                    }
                }
            }
            for (PlatformAlert a : List.copyOf(current.values())) {
                if (a.kind() != condition.kind() || byKey.containsKey(a.key())) {
                    continue;
                }
                AlertKey key = new AlertKey(a.kind(), a.key());
                if (a.state() == PlatformAlert.State.OPEN) {
                    PlatformAlert clearing = a.clearing(now);
                    current.put(key, clearing);
                    unsaved.put(clearing.id(), clearing);
                } else if (!now.isBefore(a.clearedAt().plus(policy.resolveAfter()))) {
                    resolve(key, a.resolved(now), now);
                }
            }
        }
    }

    private void raise(AlertKey key, PlatformAlert alert, Instant now) {
        current.put(key, alert);
        unsaved.put(alert.id(), alert);
        LOG.log(System.Logger.Level.WARNING, "platform alert " + alert.id() + " raised: " + alert.kind().title() + " ("
                + alert.key() + "): " + alert.summary() + "; telling operators on " + channelNames());
        Map<String, String> details = new LinkedHashMap<>(alert.details());
        details.put("alert", alert.id().toString());
        details.put("summary", alert.summary());
        queueAudit(AuditRecord.bySystem(now, null, "platform.alert.raised", target(alert), details));
        enqueue(new OperatorMessage(installation, OperatorMessage.Event.RAISED, alert, now), now);
    }

    private void resolve(AlertKey key, PlatformAlert alert, Instant now) {
        current.remove(key);
        unsaved.put(alert.id(), alert);
        resolved.addFirst(alert);
        while (resolved.size() > policy.keepResolved()) {
            resolved.removeLast();
        }
        LOG.log(System.Logger.Level.INFO, "platform alert " + alert.id() + " resolved: " + alert.kind().title() + " ("
                + alert.key() + ") clear since " + alert.clearedAt());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("alert", alert.id().toString());
        details.put("raisedAt", alert.raisedAt().toString());
        details.put("clearedAt", alert.clearedAt().toString());
        details.put("recurrences", Integer.toString(alert.recurrences()));
        details.put("lastSummary", alert.summary());
        queueAudit(AuditRecord.bySystem(now, null, "platform.alert.resolved", target(alert), details));
        enqueue(new OperatorMessage(installation, OperatorMessage.Event.RESOLVED, alert, now), now);
    }

    private static String target(PlatformAlert alert) {
        return alert.kind().code() + ":" + alert.key();
    }

    private String channelNames() {
        return channels.isEmpty() ? "no channel (none configured)"
                : String.join(", ", channels.stream().map(OperatorChannel::name).toList());
    }

    private void enqueue(OperatorMessage message, Instant now) {
        for (OperatorChannel channel : channels) {
            OperatorDelivery delivery = new OperatorDelivery(UUID.randomUUID(), message.alert().id(), message.event(),
                    channel.name(), OperatorDelivery.State.PENDING, 0, now, null, now);
            outbox.add(new Outgoing(delivery, message, channel));
            unsavedDeliveries.put(delivery.id(), new QueuedDelivery(delivery, message));
        }
    }

    private void deliverDue() {
        Instant now = clock.instant();
        List<Outgoing> due;
        synchronized (state) {
            due = outbox.stream().filter(o -> !o.delivery().nextAttemptAt().isAfter(now)).toList();
        }
        for (Outgoing o : due) {
            OperatorDelivery after = attempt(o, now);
            synchronized (state) {
                outbox.remove(o);
                if (after.state() == OperatorDelivery.State.PENDING) {
                    outbox.add(new Outgoing(after, o.message(), o.channel()));
                } else {
                    finish(after);
                }
                unsavedDeliveries.put(after.id(), new QueuedDelivery(after, o.message()));
            }
        }
    }

    private OperatorDelivery attempt(Outgoing o, Instant now) {
        OperatorDelivery d = o.delivery();
        int attempts = d.attempts() + 1;
        try {
            o.channel().send(o.message(), d.id());
            return d.attempted(OperatorDelivery.State.DELIVERED, now, null, now);
        } catch (PermanentException e) {
            return failed(d, e.getMessage(), now);
        } catch (TemporaryException e) {
            return attempts >= policy.maxAttempts() ? failed(d, e.getMessage() + " (after " + attempts + " attempts)", now)
                    : d.attempted(OperatorDelivery.State.PENDING, now.plus(backoff(attempts)), e.getMessage(), now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "operator delivery " + d.id() + " failed unexpectedly", e);
            return attempts >= policy.maxAttempts() ? failed(d, e + " (after " + attempts + " attempts)", now)
                    : d.attempted(OperatorDelivery.State.PENDING, now.plus(backoff(attempts)), e.toString(), now);
        }
    }

    private void finish(OperatorDelivery delivery) {
        finished.addFirst(delivery);
        while (finished.size() > finishedToKeep()) {
            finished.removeLast();
        }
    }

    private OperatorDelivery failed(OperatorDelivery d, String error, Instant now) {
        logUntold(d, error);
        return d.attempted(OperatorDelivery.State.FAILED, now, error, now);
    }

    private static void logUntold(OperatorDelivery d, String error) {
        LOG.log(System.Logger.Level.ERROR, "operators were not told by " + d.channel() + " that platform alert "
                + d.alertId() + " was " + d.event().code() + ": " + error);
    }

    Duration backoff(int attempts) {
        Duration wait = policy.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void queueAudit(AuditRecord record) {
        auditBacklog.addLast(record);
        if (auditBacklog.size() > MAX_AUDIT_BACKLOG) {
            AuditRecord lost = auditBacklog.removeFirst();
            LOG.log(System.Logger.Level.ERROR, "audit log unwritable for too long; platform event " + lost.action() + " "
                    + lost.target() + " of " + lost.at() + " not recorded");
        }
    }

    /**
     * Saves the alerts and then the deliveries whose state changed; what fails is tried again later, the latest state
     * winning. Returns whether everything was saved.
     *
     * @param quiet whether not to log a failure (the round's first attempt failed and was logged already)
     */
    private boolean flushStore(boolean quiet) {
        List<PlatformAlert> alertsDue;
        List<QueuedDelivery> deliveriesDue;
        synchronized (state) {
            alertsDue = List.copyOf(unsaved.values());
            deliveriesDue = List.copyOf(unsavedDeliveries.values());
        }
        for (PlatformAlert alert : alertsDue) {
            try {
                store.save(alert);
            } catch (RuntimeException e) {
                notSaved(quiet, "platform alert " + alert.id(), "its latest state", e);
                return false;
            }
            synchronized (state) {
                unsaved.remove(alert.id(), alert);
            }
        }
        for (QueuedDelivery queued : deliveriesDue) {
            try {
                store.saveDelivery(queued);
            } catch (RuntimeException e) {
                notSaved(quiet, "operator delivery " + queued.delivery().id(), "it", e);
                return false;
            }
            synchronized (state) {
                unsavedDeliveries.remove(queued.delivery().id(), queued);
            }
        }
        return true;
    }

    private static void notSaved(boolean quiet, String what, String forgotten, RuntimeException e) {
        if (!quiet) {
            LOG.log(System.Logger.Level.WARNING, what + " not yet saved, trying again next round (a restart before"
                    + " then would forget " + forgotten + "): " + e);
        }
    }

    /** In order; stops at the first failure, which the next round tries again. */
    private void flushAudit() {
        while (true) {
            AuditRecord next;
            synchronized (state) {
                next = auditBacklog.peekFirst();
            }
            if (next == null) {
                return;
            }
            try {
                audit.record(next);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "platform event " + next.action() + " " + next.target()
                        + " not yet in the audit log, trying again next round: " + e);
                return;
            }
            synchronized (state) {
                auditBacklog.pollFirst();
            }
        }
    }
}
