package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.incident.Alert;
import io.vigil.soc.incident.EscalationPolicy;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.IncidentListener;
import io.vigil.soc.incident.Incidents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns signals into alerts and alerts into incidents:
 * <ol>
 *   <li>an active suppression covering the signal stops it here (counted by the caller);</li>
 *   <li>the asset is looked up by the signal's host and ip; priority follows {@link PriorityPolicy}; an approved
 *       change window on the asset annotates the alert (and downgrades it one step when the window says so);</li>
 *   <li>a low-priority alert on an asset with an open roll-up incident joins that incident;</li>
 *   <li>otherwise it joins the open incident with the same rule and entities whose last alert is within the grouping
 *       window (a repeat raises the alert's count), or opens a new incident;</li>
 *   <li>when the asset's open low-priority incidents of the roll-up window hold at least the threshold of detections,
 *       they become one roll-up incident (one step more urgent than the most urgent of them).</li>
 * </ol>
 * Calls are serialised: triage runs on the pipeline thread and, for silent sources, on the collection's.
 */
public final class Triage {

    public static final String SOURCE_SILENT_RULE = "vigil.source-silent";

    private final Incidents incidents;
    private final Assets assets;
    private final Suppressions suppressions;
    private final ChangeWindows changes;
    private final EscalationPolicy escalation;
    private final IncidentListener listener;
    private final Clock clock;
    private final TriageSettings settings;

    public Triage(Incidents incidents, Assets assets, Suppressions suppressions, ChangeWindows changes,
                  EscalationPolicy escalation, IncidentListener listener, Clock clock, TriageSettings settings) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Triage of one signal; when an analyst changed the incident at the same moment, triage reads it again. */
    public synchronized TriageResult process(Signal signal) {
        for (int attempt = 1; ; attempt++) {
            try {
                return processOnce(signal);
            } catch (io.vigil.soc.incident.ConcurrentChangeException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private TriageResult processOnce(Signal signal) {
        Instant now = clock.instant();
        TenantId tenant = signal.tenant();
        Optional<Suppression> suppression = suppressions.list(tenant).stream()
                .filter(s -> s.activeAt(now) && s.covers(signal)).findFirst();
        if (suppression.isPresent()) {
            return new TriageResult.Suppressed(suppression.get());
        }
        List<String> values = new ArrayList<>();
        if (signal.entities().get("host") != null) {
            values.add(signal.entities().get("host"));
        }
        if (signal.entities().get("ip") != null) {
            values.add(signal.entities().get("ip"));
        }
        Asset asset = values.isEmpty() ? null : assets.match(tenant, values).orElse(null);
        Assessment assessment = PriorityPolicy.assess(signal.level(), asset, signal.confidence());
        Priority priority = assessment.priority();
        String reason = assessment.reason();
        String change = null;
        for (ChangeWindow window : changes.list(tenant)) {
            if (window.covers(signal.eventTime(), values, asset)) {
                change = window.reference() + " (" + window.start() + " – " + window.end() + ")";
                if (window.downgrade() && priority != Priority.P4) {
                    priority = PriorityPolicy.downgrade(priority);
                    reason = reason + "; downgraded to " + priority + " inside change window " + window.reference();
                } else {
                    reason = reason + "; inside change window " + window.reference();
                }
                break;
            }
        }
        Alert alert = new Alert(UUID.randomUUID(), signal.ruleId(), cut(signal.title(), 500), signal.level(),
                signal.entities(), 1, signal.eventTime(), signal.eventTime(),
                signal.eventId() == null ? List.of() : List.of(signal.eventId()), signal.techniques(), priority,
                reason, change, null, null);
        boolean low = priority == Priority.P3 || priority == Priority.P4;

        if (low && asset != null) {
            Optional<Incident> rollup = incidents.findOpen(tenant, rollupKey(asset));
            if (rollup.isPresent()) {
                return join(rollup.get(), signal, alert, now);
            }
        }
        Optional<Incident> open = incidents.findOpen(tenant, signal.groupKey())
                .filter(i -> !i.lastActivity().plus(settings.groupingWindow()).isBefore(now)
                        || !i.updatedAt().plus(settings.groupingWindow()).isBefore(now));
        if (open.isPresent()) {
            return join(open.get(), signal, alert, now);
        }
        Incident.Builder created = Incident.open(UUID.randomUUID(), tenant, signal.title() + describe(signal), priority,
                reason, escalation.initialTier(priority), "detection", signal.groupKey(), now, signal.eventTime());
        created.assetId(asset == null ? null : asset.id()).alert(alert);
        if (change != null) {
            created.log(now, "vigil", "change", "alert inside change window " + change);
        }
        Incident incident = incidents.insert(tenant, created.build());
        if (low && asset != null) {
            Optional<TriageResult> rolled = rollUp(tenant, asset, now);
            if (rolled.isPresent()) {
                return rolled.get();
            }
        }
        listener.opened(incident);
        return new TriageResult.Opened(incident);
    }

    /** A log source went silent: opens (or repeats on) one incident per source. */
    public TriageResult sourceSilent(SilentSource silent) {
        Duration gap = Duration.between(silent.lastSeen(), clock.instant());
        Signal signal = new Signal(silent.tenant(), null, SOURCE_SILENT_RULE,
                "Log source " + silent.source() + " is silent", "medium", List.of(),
                java.util.Map.of("host", silent.source()), silent.lastSeen().plus(silent.expected()), Confidence.HIGH);
        TriageResult result = process(signal);
        if (result instanceof TriageResult.Opened opened) {
            return new TriageResult.Opened(opened.incident().edit()
                    .log(clock.instant(), "vigil", "coverage", "last seen " + silent.lastSeen() + ", expected every "
                            + silent.expected() + ", silent for " + gap).build());
        }
        return result;
    }

    private TriageResult join(Incident incident, Signal signal, Alert alert, Instant now) {
        Optional<Alert> same = incident.alerts().stream()
                .filter(a -> a.ruleId().equals(alert.ruleId()) && lower(a.entities()).equals(lower(alert.entities()))).findFirst();
        Incident.Builder next = incident.edit().firstEventAt(signal.eventTime());
        Alert joined;
        if (same.isPresent()) {
            if (signal.eventId() != null && same.get().eventIds().contains(signal.eventId())) {
                return new TriageResult.Duplicate(incident);
            }
            joined = repeat(same.get(), signal);
            next.replaceAlert(joined).log(now, "vigil", "repeat", alert.ruleId() + " seen " + joined.count() + " times");
        } else {
            joined = alert;
            next.alert(alert).log(now, "vigil", "alert", alert.title() + " (" + alert.priority() + ")");
            if (alert.priority().moreUrgentThan(incident.priority())) {
                next.priority(now, "vigil", alert.priority(), "raised by alert " + alert.title() + ": " + alert.priorityReason());
            }
        }
        Incident stored = incidents.update(incident.tenant(), next.build());
        return new TriageResult.Grouped(stored, joined);
    }

    private static Alert repeat(Alert alert, Signal signal) {
        List<String> ids = new ArrayList<>(alert.eventIds());
        if (signal.eventId() != null) {
            ids.add(signal.eventId());
        }
        if (ids.size() > Alert.MAX_EVENT_IDS) {
            ids = ids.subList(ids.size() - Alert.MAX_EVENT_IDS, ids.size());
        }
        Instant last = signal.eventTime().isAfter(alert.lastSeen()) ? signal.eventTime() : alert.lastSeen();
        Instant first = signal.eventTime().isBefore(alert.firstSeen()) ? signal.eventTime() : alert.firstSeen();
        return new Alert(alert.id(), alert.ruleId(), alert.title(), alert.level(), alert.entities(), alert.count() + 1,
                first, last, ids, alert.techniques(), alert.priority(), alert.priorityReason(), alert.change(),
                alert.disposition(), alert.dispositionReason());
    }

    private Optional<TriageResult> rollUp(TenantId tenant, Asset asset, Instant now) {
        Instant since = now.minus(settings.rollupWindow());
        List<Incident> low = incidents.openOnAsset(tenant, asset.id()).stream()
                .filter(i -> i.origin().equals("detection") && i.rolledUpInto() == null && !i.createdAt().isBefore(since)
                        && (i.priority() == Priority.P3 || i.priority() == Priority.P4))
                .sorted(Comparator.comparing(Incident::createdAt)).toList();
        long detections = low.stream().mapToLong(Incident::detectionCount).sum();
        boolean critical = asset.crownJewel() || asset.criticalWeakness();
        int threshold = critical ? settings.rollupThresholdCritical() : settings.rollupThreshold();
        if (detections < threshold || low.size() < 2 && !critical) {
            return Optional.empty();
        }
        Priority top = low.stream().map(Incident::priority).min(Comparator.naturalOrder()).orElse(Priority.P4);
        Priority priority = PriorityPolicy.upgrade(top);
        if (critical && Priority.P2.moreUrgentThan(priority)) {
            priority = Priority.P2;
        }
        String reason = detections + " low-priority detections on " + asset.name() + " within "
                + settings.rollupWindow() + " (threshold " + threshold
                + (critical ? ", crown jewel or known critical weakness" : "") + "): one step above " + top + " → " + priority;
        Incident.Builder rollup = Incident.open(UUID.randomUUID(), tenant, "Roll-up: repeated low-priority alerts on "
                        + asset.name(), priority, reason, escalation.initialTier(priority), "rollup", rollupKey(asset), now,
                low.getFirst().firstEventAt());
        rollup.assetId(asset.id());
        for (Incident i : low) {
            i.alerts().forEach(rollup::alert);
            rollup.firstEventAt(i.firstEventAt()).log(now, "vigil", "rollup", "absorbed incident " + i.id() + " (" + i.title() + ")");
        }
        Incident stored = incidents.insert(tenant, rollup.build());
        for (Incident i : low) {
            incidents.update(tenant, i.edit().rolledUpInto(stored.id())
                    .state(now, "vigil", IncidentState.CLOSED, "rolled up into " + stored.id()).build());
        }
        listener.opened(stored);
        return Optional.of(new TriageResult.RolledUp(stored, low.size()));
    }

    private static java.util.Map<String, String> lower(java.util.Map<String, String> entities) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        entities.forEach((k, v) -> out.put(k, v.toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    static String rollupKey(Asset asset) {
        return "rollup|" + asset.id();
    }

    private static String describe(Signal signal) {
        String on = signal.entities().getOrDefault("host", signal.entities().getOrDefault("ip", signal.entities().get("user")));
        return on == null ? "" : " on " + on;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
