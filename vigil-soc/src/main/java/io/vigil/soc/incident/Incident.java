package io.vigil.soc.incident;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.StateChange;
import io.vigil.soc.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The unit of work: one threat (or one silent source, or one roll-up of low signals) of one tenant. Immutable;
 * {@link #edit()} returns a builder for the next version. The store compares {@link #version()} on update.
 *
 * @param origin        {@code detection}, {@code rollup}, {@code source-silent} or {@code manual}
 * @param groupKey      what further alerts must match to join: rule and entities, the asset for a roll-up
 * @param assetId       the asset the alerts hit, or null
 * @param firstEventAt  time of the earliest event behind it (for MTTD)
 * @param tierSince     when it entered its current tier (automatic escalation by time in tier)
 * @param escalationStep how many times it was escalated (0 = never); notification routes match on it
 * @param rolledUpInto  the roll-up incident that absorbed this one, or null
 * @param overflowAlerts distinct alerts that arrived after {@link #MAX_ALERTS} and are counted only
 * @param history       the ordered state changes, first the creation ({@code null → new}): what SLA clocks read
 */
public record Incident(UUID id, TenantId tenant, String title, Priority priority, String priorityReason,
                       IncidentState state, Tier tier, Instant tierSince, String assignee, String origin,
                       String groupKey, UUID assetId, Instant createdAt, Instant firstEventAt, Instant updatedAt,
                       int escalationStep, UUID rolledUpInto, int overflowAlerts, List<Alert> alerts,
                       List<Observable> observables, List<String> techniques, List<Task> tasks, List<Note> notes,
                       List<AttachmentRef> attachments, List<TimelineEntry> timeline, List<StateChange> history,
                       long version) {

    public static final int MAX_ALERTS = 500;
    public static final int MAX_TIMELINE = 5000;
    public static final int MAX_ITEMS = 500;

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(tierSince, "tierSince");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(firstEventAt, "firstEventAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        alerts = List.copyOf(alerts);
        observables = List.copyOf(observables);
        techniques = List.copyOf(techniques);
        tasks = List.copyOf(tasks);
        notes = List.copyOf(notes);
        attachments = List.copyOf(attachments);
        timeline = List.copyOf(timeline);
        history = List.copyOf(history);
    }

    /** The time of the newest alert activity, or the creation. */
    public Instant lastActivity() {
        return alerts.stream().map(Alert::lastSeen).max(Instant::compareTo).orElse(createdAt);
    }

    /** Total detections behind it: every alert's count plus alerts counted only. */
    public long detectionCount() {
        return alerts.stream().mapToLong(Alert::count).sum() + overflowAlerts;
    }

    /** A new incident in state new, tier {@code tier}, with its creation in the timeline and the history. */
    public static Builder open(UUID id, TenantId tenant, String title, Priority priority, String priorityReason,
                               Tier tier, String origin, String groupKey, Instant now, Instant firstEventAt) {
        Builder b = new Builder();
        b.id = id;
        b.tenant = tenant;
        b.title = Texts.cut(title, 500);
        b.priority = priority;
        b.priorityReason = priorityReason;
        b.state = IncidentState.NEW;
        b.tier = tier;
        b.tierSince = now;
        b.origin = origin;
        b.groupKey = groupKey;
        b.createdAt = now;
        b.firstEventAt = firstEventAt.isAfter(now) ? now : firstEventAt;
        b.updatedAt = now;
        b.history.add(new StateChange(now, null, IncidentState.NEW));
        b.log(now, "vigil", "created", priority + " " + tier + ": " + priorityReason);
        return b;
    }

    public Builder edit() {
        Builder b = new Builder();
        b.id = id;
        b.tenant = tenant;
        b.title = title;
        b.priority = priority;
        b.priorityReason = priorityReason;
        b.state = state;
        b.tier = tier;
        b.tierSince = tierSince;
        b.assignee = assignee;
        b.origin = origin;
        b.groupKey = groupKey;
        b.assetId = assetId;
        b.createdAt = createdAt;
        b.firstEventAt = firstEventAt;
        b.updatedAt = updatedAt;
        b.escalationStep = escalationStep;
        b.rolledUpInto = rolledUpInto;
        b.overflowAlerts = overflowAlerts;
        b.alerts.addAll(alerts);
        b.observables.addAll(observables);
        b.techniques.addAll(techniques);
        b.tasks.addAll(tasks);
        b.notes.addAll(notes);
        b.attachments.addAll(attachments);
        b.timeline.addAll(timeline);
        b.history.addAll(history);
        b.version = version;
        return b;
    }

    /** The next version of an incident, built change by change; each change that matters is logged. */
    public static final class Builder {
        UUID id;
        TenantId tenant;
        String title;
        Priority priority;
        String priorityReason;
        IncidentState state;
        Tier tier;
        Instant tierSince;
        String assignee;
        String origin;
        String groupKey;
        UUID assetId;
        Instant createdAt;
        Instant firstEventAt;
        Instant updatedAt;
        int escalationStep;
        UUID rolledUpInto;
        int overflowAlerts;
        final List<Alert> alerts = new ArrayList<>();
        final List<Observable> observables = new ArrayList<>();
        final List<String> techniques = new ArrayList<>();
        final List<Task> tasks = new ArrayList<>();
        final List<Note> notes = new ArrayList<>();
        final List<AttachmentRef> attachments = new ArrayList<>();
        final List<TimelineEntry> timeline = new ArrayList<>();
        final List<StateChange> history = new ArrayList<>();
        long version;

        private Builder() {
        }

        /** Adds a timeline entry; repeats stop being logged once the timeline is full, other changes never do. */
        public Builder log(Instant at, String actor, String action, String detail) {
            if (timeline.size() < MAX_TIMELINE || !action.equals("repeat")) {
                timeline.add(new TimelineEntry(at, actor, action, detail));
            }
            updatedAt = at;
            return this;
        }

        public Builder state(Instant at, String actor, IncidentState to, String reason) {
            if (to != state) {
                history.add(new StateChange(at, state, to));
                log(at, actor, "state", state.code() + " → " + to.code() + (reason == null || reason.isBlank() ? "" : ": " + reason));
                state = to;
            }
            return this;
        }

        public Builder tier(Instant at, String actor, Tier to, String reason) {
            if (to != tier) {
                log(at, actor, "tier", tier + " → " + to + (reason == null ? "" : ": " + reason));
                tier = to;
                tierSince = at;
            }
            return this;
        }

        public Builder priority(Instant at, String actor, Priority to, String reason) {
            if (to != priority) {
                log(at, actor, "priority", priority + " → " + to + ": " + reason);
                priority = to;
                priorityReason = reason;
            }
            return this;
        }

        public Builder assignee(Instant at, String actor, String to) {
            log(at, actor, "assign", to == null ? "unassigned" : "assigned to " + to);
            assignee = to;
            return this;
        }

        public Builder assetId(UUID asset) {
            assetId = asset;
            return this;
        }

        public Builder escalated() {
            escalationStep++;
            return this;
        }

        public Builder rolledUpInto(UUID rollup) {
            rolledUpInto = rollup;
            return this;
        }

        public Builder firstEventAt(Instant at) {
            if (at.isBefore(firstEventAt)) {
                firstEventAt = at;
            }
            return this;
        }

        /** Adds the alert, or counts it only once the incident holds {@link #MAX_ALERTS}. */
        public Builder alert(Alert alert) {
            if (alerts.size() >= MAX_ALERTS) {
                overflowAlerts++;
            } else {
                alerts.add(alert);
            }
            for (String t : alert.techniques()) {
                technique(t);
            }
            return this;
        }

        public Builder replaceAlert(Alert alert) {
            alerts.replaceAll(a -> a.id().equals(alert.id()) ? alert : a);
            return this;
        }

        public Builder technique(String technique) {
            if (!techniques.contains(technique) && techniques.size() < MAX_ITEMS) {
                techniques.add(technique);
            }
            return this;
        }

        public Builder observable(Observable observable) {
            if (!observables.contains(observable)) {
                bounded(observables, "observables").add(observable);
            }
            return this;
        }

        public Builder task(Task task) {
            bounded(tasks, "tasks").add(task);
            return this;
        }

        public Builder replaceTask(Task task) {
            tasks.replaceAll(t -> t.id().equals(task.id()) ? task : t);
            return this;
        }

        public Builder note(Note note) {
            bounded(notes, "notes").add(note);
            return this;
        }

        public Builder attachment(AttachmentRef ref) {
            bounded(attachments, "attachments").add(ref);
            return this;
        }

        private static <T> List<T> bounded(List<T> list, String what) {
            if (list.size() >= MAX_ITEMS) {
                throw new IllegalArgumentException("an incident holds at most " + MAX_ITEMS + " " + what);
            }
            return list;
        }

        public Incident build() {
            return new Incident(id, tenant, title, priority, priorityReason, state, tier, tierSince, assignee, origin,
                    groupKey, assetId, createdAt, firstEventAt, updatedAt, escalationStep, rolledUpInto, overflowAlerts,
                    alerts, observables, techniques, tasks, notes, attachments, timeline, history, version);
        }
    }
}
