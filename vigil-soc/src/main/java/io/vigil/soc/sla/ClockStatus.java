package io.vigil.soc.sla;

import io.vigil.soc.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One SLA clock of one incident at one instant.
 *
 * @param elapsed    covered time counted so far (until the clock stopped, or until now)
 * @param paused     wall-clock time spent in pausing states (resolution clock only)
 * @param dueAt      when the target is (or was) used up: in the past for a breached clock; null for a clock that
 *                   is paused, or stopped before using its target up
 * @param stoppedAt  when the clock stopped (acknowledged, resolved), or null while it runs or is paused
 * @param warnings   the warning thresholds of the contract with the instant each is (or was) reached, if known
 * @param cause      why the clock is breached, or null
 */
public record ClockStatus(SlaClock clock, Priority priority, State state, Duration target, Duration elapsed,
                          Duration paused, Instant dueAt, Instant stoppedAt, List<Warning> warnings, String cause) {

    /** Where a clock stands. */
    public enum State {
        /** Counting (or waiting for covered hours) and not yet past its target. */
        RUNNING,
        /** Standing still in a pausing state. */
        PAUSED,
        /** Stopped at or before its due instant. */
        MET,
        /** Its target is used up before it stopped (it may still be running). */
        BREACHED
    }

    /**
     * A warning threshold.
     *
     * @param permille the threshold in thousandths of the target
     * @param at       when the clock reaches (or reached) it; null when not known (paused, stopped before)
     */
    public record Warning(int permille, Instant at, boolean reached) {
    }

    public ClockStatus {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(state, "state");
        warnings = List.copyOf(warnings);
    }

    /** Elapsed over target, e.g. 0.75; above 1 when breached. */
    public double fraction() {
        return elapsed.toNanos() / (double) target.toNanos();
    }

    /** What is left of the target, zero when used up. */
    public Duration remaining() {
        Duration left = target.minus(elapsed);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
