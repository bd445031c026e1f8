package io.vigil.soc.incident;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Contracts;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What analysts (and automatic escalation) do to incidents. Each call reads the incident, applies one change that
 * logs itself in the timeline, and stores it, retrying when another writer came first.
 */
public final class CaseWork {

    public static final String SYSTEM = "vigil";
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final int MAX_RETRIES = 5;

    private final Incidents incidents;
    private final Attachments attachments;
    private final EscalationPolicy policy;
    private final IncidentListener listener;
    private final Clock clock;
    private final long maxAttachmentBytes;

    public CaseWork(Incidents incidents, Attachments attachments, EscalationPolicy policy, IncidentListener listener,
                    Clock clock, long maxAttachmentBytes) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    public Incident get(TenantId tenant, UUID id) {
        return incidents.find(tenant, id).orElseThrow(() -> new IncidentNotFoundException(id));
    }

    public Incident acknowledge(TenantId tenant, UUID id, String actor) {
        return change(tenant, id, i -> {
            if (i.state() != IncidentState.NEW) {
                throw new IllegalArgumentException("only a new incident can be acknowledged; it is " + i.state().code());
            }
            Incident.Builder b = i.edit().state(now(), actor, IncidentState.ACKNOWLEDGED, null);
            return (i.assignee() == null ? b.assignee(now(), actor, actor) : b).build();
        });
    }

    /**
     * Moves the incident to another state. Nothing returns to {@code new}; a closed incident can only be reopened
     * (to {@code investigating}).
     */
    public Incident changeState(TenantId tenant, UUID id, String actor, IncidentState to, String reason) {
        return change(tenant, id, i -> {
            if (to == IncidentState.NEW && i.state() != IncidentState.NEW) {
                throw new IllegalArgumentException("an incident cannot return to new");
            }
            if (i.state() == IncidentState.CLOSED && to != IncidentState.INVESTIGATING && to != IncidentState.CLOSED) {
                throw new IllegalArgumentException("a closed incident can only be reopened to investigating");
            }
            return i.edit().state(now(), actor, to, reason).build();
        });
    }

    public Incident assign(TenantId tenant, UUID id, String actor, String assignee) {
        String who = assignee == null || assignee.isBlank() ? null : Texts.required("assignee", assignee, 200);
        return change(tenant, id, i -> i.edit().assignee(now(), actor, who).build());
    }

    public Incident setPriority(TenantId tenant, UUID id, String actor, Priority priority, String reason) {
        String why = Texts.required("reason", reason, 1000);
        return change(tenant, id, i -> i.edit().priority(now(), actor, priority, "set by " + actor + ": " + why).build());
    }

    /** Moves the incident to the next tier up and tells notifications. */
    public Incident escalate(TenantId tenant, UUID id, String actor, String reason) {
        String why = reason == null || reason.isBlank() ? "manual escalation" : Texts.cut(reason, 1000);
        Incident escalated = change(tenant, id, i -> {
            if (i.tier() == Tier.T4) {
                throw new IllegalArgumentException("the incident is already at T4");
            }
            return i.edit().tier(now(), actor, i.tier().next(), why).escalated().build();
        });
        listener.escalated(escalated, why);
        return escalated;
    }

    /**
     * Escalates every unfinished incident that stayed longer than its priority allows in its tier (waiting on the
     * client excepted). Returns those escalated.
     */
    public List<Incident> escalateOverdue(int limit) {
        return escalateOverdue(limit, tenant -> java.util.Optional.empty());
    }

    /**
     * As {@link #escalateOverdue(int)}, except for the priorities whose escalation the tenant's contract sets: an
     * incident whose contract has an escalation chain for its priority moves by that chain ({@link ContractEscalation})
     * and not by the policy's time in tier.
     */
    public List<Incident> escalateOverdue(int limit, Contracts contracts) {
        Instant now = now();
        List<Incident> done = new java.util.ArrayList<>();
        Map<TenantId, Contract> contractOf = new HashMap<>();
        for (Incident i : incidents.openAcrossTenants(limit)) {
            Duration allowed = policy.maxTimeInTier(i.priority());
            if (!contractOf.computeIfAbsent(i.tenant(), contracts::effective).escalation(i.priority()).isEmpty()) {
                continue;
            }
            if (i.tier() == Tier.T4 || i.state() == IncidentState.WAITING_ON_CLIENT
                    || Duration.between(i.tierSince(), now).compareTo(allowed) < 0) {
                continue;
            }
            try {
                done.add(escalate(i.tenant(), i.id(), SYSTEM, "more than " + allowed + " in " + i.tier() + " at " + i.priority()));
            } catch (IllegalArgumentException | IncidentNotFoundException e) {
                // changed meanwhile (finished, escalated to T4): nothing to do
            }
        }
        return done;
    }

    public Incident addNote(TenantId tenant, UUID id, String actor, String text) {
        Note note = new Note(UUID.randomUUID(), actor, text, now());
        return change(tenant, id, i -> i.edit().note(note).log(now(), actor, "note", Texts.cut(text, 200)).build());
    }

    public Incident addTask(TenantId tenant, UUID id, String actor, String title) {
        Task task = new Task(UUID.randomUUID(), title, false, actor, now());
        return change(tenant, id, i -> i.edit().task(task).log(now(), actor, "task", "added: " + title).build());
    }

    public Incident completeTask(TenantId tenant, UUID id, String actor, UUID taskId) {
        return change(tenant, id, i -> {
            Task task = i.tasks().stream().filter(t -> t.id().equals(taskId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the incident has no task " + taskId));
            return i.edit().replaceTask(new Task(task.id(), task.title(), true, task.createdBy(), task.createdAt()))
                    .log(now(), actor, "task", "done: " + task.title()).build();
        });
    }

    public Incident addObservable(TenantId tenant, UUID id, String actor, Observable observable) {
        return change(tenant, id, i -> i.edit().observable(observable)
                .log(now(), actor, "observable", observable.type() + " " + observable.value()).build());
    }

    public Incident addTechnique(TenantId tenant, UUID id, String actor, String technique) {
        if (technique == null || !TECHNIQUE.matcher(technique).matches()) {
            throw new IllegalArgumentException("technique must be an ATT&CK id such as T1059 or T1059.001, not '"
                    + Texts.cut(technique, 40) + "'");
        }
        return change(tenant, id, i -> i.edit().technique(technique).log(now(), actor, "technique", technique).build());
    }

    /** Records an analyst's verdict on one alert; a false positive needs a reason. */
    public Incident dispose(TenantId tenant, UUID id, String actor, UUID alertId, Disposition disposition, String reason) {
        Objects.requireNonNull(disposition, "disposition");
        if (disposition == Disposition.FALSE_POSITIVE && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a false positive needs a reason");
        }
        String why = reason == null ? null : Texts.cut(reason, 1000);
        return change(tenant, id, i -> {
            Alert alert = i.alerts().stream().filter(a -> a.id().equals(alertId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the incident has no alert " + alertId));
            return i.edit().replaceAlert(alert.disposed(disposition, why))
                    .log(now(), actor, "disposition", alert.ruleId() + ": " + disposition.code() + (why == null ? "" : " (" + why + ")"))
                    .build();
        });
    }

    /** Stores an attachment of at most the configured size and lists it on the incident. */
    public Incident attach(TenantId tenant, UUID id, String actor, String name, String contentType, byte[] content) {
        if (content.length == 0) {
            throw new IllegalArgumentException("attachment is empty");
        }
        if (content.length > maxAttachmentBytes) {
            throw new IllegalArgumentException("attachment is " + content.length + " bytes; at most "
                    + maxAttachmentBytes + " are allowed");
        }
        get(tenant, id);
        AttachmentRef ref = new AttachmentRef(UUID.randomUUID(), name,
                contentType == null || contentType.isBlank() ? "application/octet-stream" : Texts.cut(contentType, 100),
                content.length, sha256(content), actor, now());
        attachments.put(tenant, id, ref, content);
        return change(tenant, id, i -> i.edit().attachment(ref).log(now(), actor, "attachment", name).build());
    }

    public long maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    /** Reads, changes and stores the incident, again from a fresh read when another writer came first. */
    public Incident change(TenantId tenant, UUID id, UnaryOperator<Incident> change) {
        for (int attempt = 1; ; attempt++) {
            Incident current = get(tenant, id);
            try {
                return incidents.update(tenant, change.apply(current));
            } catch (ConcurrentChangeException e) {
                if (attempt >= MAX_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
