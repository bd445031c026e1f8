package io.vigil.soc.sla;

import io.vigil.soc.IncidentState;
import io.vigil.soc.StateChange;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Coverage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract clocks of an incident, as pure functions of the contract, the incident's state history and an
 * instant. Exact semantics in docs/sla.md; in short: both clocks start at creation and count covered time
 * ({@link BusinessCalendar}); the response clock stops when the incident first leaves {@code new}; the resolution
 * clock stands still in the contract's pausing states and stops while the incident is resolved or closed (a
 * reopened incident's clock runs on). A clock is breached once it has counted more than its target.
 */
public final class SlaClocks {

    private SlaClocks() {
    }

    /** Both clocks. */
    public static List<ClockStatus> status(Contract contract, SlaSubject subject, Instant now) {
        return List.of(status(contract, subject, SlaClock.RESPONSE, now), status(contract, subject, SlaClock.RESOLUTION, now));
    }

    public static ClockStatus status(Contract contract, SlaSubject subject, SlaClock clock, Instant now) {
        Coverage coverage = contract.coverage(subject.priority());
        BusinessCalendar calendar = BusinessCalendar.of(coverage);
        Duration target = clock == SlaClock.RESPONSE ? contract.targets(subject.priority()).response()
                : contract.targets(subject.priority()).resolution();
        List<Segment> segments = segments(subject, now);

        List<Segment> counting = new ArrayList<>();
        Instant stoppedAt = null;
        Duration paused = Duration.ZERO;
        for (Segment s : segments) {
            if (clock == SlaClock.RESPONSE) {
                if (s.state() != IncidentState.NEW) {
                    stoppedAt = s.start();
                    break;
                }
                counting.add(s);
            } else if (contract.pausingStates().contains(s.state())) {
                paused = paused.plus(Duration.between(s.start(), s.end() == null ? now : s.end()));
            } else if (s.state().isFinished()) {
                stoppedAt = s.end() == null ? s.start() : null;
            } else {
                counting.add(s);
            }
        }
        Segment last = segments.getLast();
        boolean open = stoppedAt == null && !counting.isEmpty() && counting.getLast() == last;

        Duration elapsed = Duration.ZERO;
        for (Segment s : counting) {
            Instant end = s.end() == null ? now : s.end();
            elapsed = elapsed.plus(calendar.covered(s.start(), stoppedAt != null && stoppedAt.isBefore(end) ? stoppedAt : end));
        }
        Instant dueAt = reach(counting, open, target, calendar);
        List<ClockStatus.Warning> warnings = new ArrayList<>();
        for (int permille : contract.warningPermille()) {
            Duration threshold = threshold(target, permille);
            Instant at = reach(counting, open, threshold, calendar);
            warnings.add(new ClockStatus.Warning(permille, at, elapsed.compareTo(threshold) >= 0));
        }

        ClockStatus.State state;
        if (elapsed.compareTo(target) > 0) {
            state = ClockStatus.State.BREACHED;
        } else if (stoppedAt != null) {
            state = ClockStatus.State.MET;
        } else if (contract.pausingStates().contains(last.state())) {
            state = ClockStatus.State.PAUSED;
        } else {
            state = ClockStatus.State.RUNNING;
        }
        String cause = state == ClockStatus.State.BREACHED
                ? cause(clock, subject, stoppedAt, elapsed, paused, target, coverage) : null;
        return new ClockStatus(clock, subject.priority(), state, target, elapsed, paused, dueAt, stoppedAt, warnings, cause);
    }

    /** A warning threshold as a duration: exact, because targets are whole minutes and thresholds thousandths. */
    public static Duration threshold(Duration target, int permille) {
        return Duration.ofMillis(target.toSeconds() * permille);
    }

    /** Where the counting segments reach {@code amount}, or null when they stop or pause before. */
    private static Instant reach(List<Segment> counting, boolean open, Duration amount, BusinessCalendar calendar) {
        Duration before = Duration.ZERO;
        for (int i = 0; i < counting.size(); i++) {
            Segment s = counting.get(i);
            Duration left = amount.minus(before);
            if (open && i == counting.size() - 1) {
                return calendar.advance(s.start(), left);
            }
            Duration covered = calendar.covered(s.start(), s.end());
            if (covered.compareTo(left) >= 0) {
                return calendar.advance(s.start(), left);
            }
            before = before.plus(covered);
        }
        return null;
    }

    private record Segment(Instant start, Instant end, IncidentState state) {
    }

    /** The incident's life from creation to now in states, the last one open (end null). */
    private static List<Segment> segments(SlaSubject subject, Instant now) {
        List<Instant> starts = new ArrayList<>();
        List<IncidentState> states = new ArrayList<>();
        starts.add(subject.createdAt());
        states.add(IncidentState.NEW);
        for (StateChange change : subject.history()) {
            if (change.at().isAfter(now)) {
                break;
            }
            Instant at = change.at().isBefore(subject.createdAt()) ? subject.createdAt() : change.at();
            if (at.equals(starts.getLast())) {
                states.set(states.size() - 1, change.to());
            } else {
                starts.add(at);
                states.add(change.to());
            }
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            segments.add(new Segment(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : null, states.get(i)));
        }
        return segments;
    }

    private static String cause(SlaClock clock, SlaSubject subject, Instant stoppedAt, Duration elapsed, Duration paused,
                                Duration target, Coverage coverage) {
        String over = switch (coverage) {
            case Coverage.AroundTheClock a -> "around the clock";
            case Coverage.BusinessHours h -> "in business hours (" + h.zone() + ")";
        };
        String pauses = paused.isZero() ? "" : ", paused " + Durations.text(paused);
        String targetText = "the " + subject.priority() + " " + clock.code() + " target of " + Durations.text(target)
                + " counted " + over;
        if (clock == SlaClock.RESPONSE) {
            return stoppedAt == null ? "not acknowledged within " + targetText
                    : "acknowledged at " + stoppedAt + " after " + Durations.text(elapsed) + ", beyond " + targetText;
        }
        return stoppedAt == null ? "not resolved within " + targetText + pauses
                : "resolved at " + stoppedAt + " after " + Durations.text(elapsed) + pauses + ", beyond " + targetText;
    }
}
