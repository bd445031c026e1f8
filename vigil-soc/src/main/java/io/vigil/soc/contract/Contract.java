package io.vigil.soc.contract;

import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant's service contract: SLA targets per priority, the coverage calendar, which states pause the clocks,
 * warning thresholds, contacts, escalation chain, service scope and service credits. Immutable and valid by
 * construction; {@link #defaults()} is what a tenant without a contract gets.
 *
 * @param targets         response and resolution targets for every priority
 * @param coverage        when the clocks run
 * @param alwaysCovered   priorities whose clocks run around the clock whatever {@code coverage} says
 * @param pausingStates   states in which the resolution clock stands still (never {@code new}, resolved or closed)
 * @param warningPermille warning thresholds in thousandths of a target (750 = 75 %), ascending, 1–999
 * @param scope           activity (e.g. {@code isolate-host}) → who may act
 */
public record Contract(Map<Priority, Targets> targets, Coverage coverage, Set<Priority> alwaysCovered,
                       Set<IncidentState> pausingStates, List<Integer> warningPermille, List<Contact> contacts,
                       List<EscalationStep> escalation, Map<String, Responsibility> scope, ServiceCredits credits) {

    public static final int MAX_CONTACTS = 50;
    public static final int MAX_ESCALATION_STEPS = 20;
    public static final int MAX_SCOPE_ENTRIES = 200;
    public static final int MAX_WARNINGS = 5;

    /** Default targets (response per DESIGN; resolution Vigil's own default). */
    public static final Map<Priority, Targets> DEFAULT_TARGETS = Map.of(
            Priority.P1, new Targets(Duration.ofMinutes(15), Duration.ofHours(4)),
            Priority.P2, new Targets(Duration.ofHours(1), Duration.ofHours(24)),
            Priority.P3, new Targets(Duration.ofHours(4), Duration.ofHours(72)),
            Priority.P4, new Targets(Duration.ofHours(24), Duration.ofHours(120)));

    public Contract {
        Objects.requireNonNull(coverage, "coverage");
        Map<Priority, Targets> all = new EnumMap<>(Priority.class);
        all.putAll(targets);
        for (Priority p : Priority.values()) {
            if (!all.containsKey(p)) {
                throw new IllegalArgumentException("targets for " + p + " are missing");
            }
        }
        targets = Collections.unmodifiableMap(all);
        alwaysCovered = alwaysCovered.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(alwaysCovered));
        pausingStates = pausingStates.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(pausingStates));
        for (IncidentState state : pausingStates) {
            if (state == IncidentState.NEW || state.isFinished()) {
                throw new IllegalArgumentException("state " + state.code() + " cannot pause the clocks");
            }
        }
        warningPermille = List.copyOf(warningPermille);
        if (warningPermille.size() > MAX_WARNINGS) {
            throw new IllegalArgumentException("at most " + MAX_WARNINGS + " warning thresholds");
        }
        for (int i = 0; i < warningPermille.size(); i++) {
            int w = warningPermille.get(i);
            if (w < 1 || w > 999 || i > 0 && w <= warningPermille.get(i - 1)) {
                throw new IllegalArgumentException("warning thresholds must be ascending fractions above 0 and below 1");
            }
        }
        contacts = List.copyOf(contacts);
        if (contacts.size() > MAX_CONTACTS) {
            throw new IllegalArgumentException("at most " + MAX_CONTACTS + " contacts");
        }
        Set<String> ids = new HashSet<>();
        for (Contact c : contacts) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("contact id '" + c.id() + "' appears twice");
            }
        }
        escalation = List.copyOf(escalation);
        if (escalation.size() > MAX_ESCALATION_STEPS) {
            throw new IllegalArgumentException("at most " + MAX_ESCALATION_STEPS + " escalation steps");
        }
        for (EscalationStep step : escalation) {
            if (!step.contact().isEmpty() && !ids.contains(step.contact())) {
                throw new IllegalArgumentException("escalation step names unknown contact '" + step.contact() + "'");
            }
        }
        if (scope.size() > MAX_SCOPE_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_SCOPE_ENTRIES + " scope entries");
        }
        Map<String, Responsibility> scopeCopy = new LinkedHashMap<>();
        scope.forEach((activity, who) -> scopeCopy.put(requireName("activity", activity), Objects.requireNonNull(who)));
        scope = Collections.unmodifiableMap(scopeCopy);
        Objects.requireNonNull(credits, "credits");
    }

    /** The contract of a tenant that has none: default targets around the clock, waiting-on-client pauses, 75 %. */
    public static Contract defaults() {
        return new Contract(DEFAULT_TARGETS, new Coverage.AroundTheClock(), Set.of(),
                Set.of(IncidentState.WAITING_ON_CLIENT), List.of(750), List.of(), List.of(), Map.of(),
                ServiceCredits.none());
    }

    public Targets targets(Priority priority) {
        return targets.get(priority);
    }

    /** The coverage that applies to an incident of this priority. */
    public Coverage coverage(Priority priority) {
        return alwaysCovered.contains(priority) ? new Coverage.AroundTheClock() : coverage;
    }

    /** The escalation steps that apply to a priority, in order of their delay. */
    public List<EscalationStep> escalation(Priority priority) {
        List<EscalationStep> steps = new ArrayList<>(escalation.stream().filter(s -> s.priorities().contains(priority)).toList());
        steps.sort(java.util.Comparator.comparing(EscalationStep::after));
        return steps;
    }

    /**
     * The escalation steps due for an incident of this priority that has been open {@code openFor} (wall-clock time
     * since creation): every step whose delay has passed, in order. Who acts on them (and remembers which were done)
     * is the incidents feature's business.
     */
    public List<EscalationStep> escalationsDue(Priority priority, Duration openFor) {
        return escalation(priority).stream().filter(step -> step.after().compareTo(openFor) <= 0).toList();
    }

    static String requireName(String what, String value) {
        if (value == null || !value.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException(what + " must be 1-64 lower-case letters, digits, '.', '_' or '-', was '"
                    + value + "'");
        }
        return value;
    }

    static String requireText(String what, String value, int min, int max) {
        String text = value == null ? "" : value.strip();
        if (text.length() < min || text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be " + min + "-" + max + " characters without control characters");
        }
        return text;
    }
}
