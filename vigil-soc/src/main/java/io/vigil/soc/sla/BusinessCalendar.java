package io.vigil.soc.sla;

import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Exact covered-time arithmetic over a {@link Coverage}. Covered time is the real time elapsed at instants whose
 * local date is not a holiday and whose local time of day falls in one of that weekday's windows. Local time is
 * read through the zone's {@link ZoneRules}, piece by piece between offset transitions, so a window loses the
 * hour a spring-forward skips and counts twice the hour a fall-back repeats. No rounding: durations are exact to
 * the nanosecond.
 */
public final class BusinessCalendar {

    /** How far {@link #advance} looks before giving up (a calendar of holidays only). */
    static final int MAX_DAYS = 20 * 366;

    private final Coverage coverage;

    private BusinessCalendar(Coverage coverage) {
        this.coverage = Objects.requireNonNull(coverage, "coverage");
    }

    public static BusinessCalendar of(Coverage coverage) {
        return new BusinessCalendar(coverage);
    }

    /** Covered time in {@code [from, to)}; zero when {@code to} is not after {@code from}. */
    public Duration covered(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        return switch (coverage) {
            case Coverage.AroundTheClock a -> Duration.between(from, to);
            case Coverage.BusinessHours hours -> {
                Duration total = Duration.ZERO;
                LocalDate last = LocalDate.ofInstant(to, hours.zone());
                for (LocalDate day = LocalDate.ofInstant(from, hours.zone()); !day.isAfter(last); day = day.plusDays(1)) {
                    for (Instant[] window : windows(hours, day)) {
                        Instant start = max(window[0], from);
                        Instant end = min(window[1], to);
                        if (end.isAfter(start)) {
                            total = total.plus(Duration.between(start, end));
                        }
                    }
                }
                yield total;
            }
        };
    }

    /**
     * The earliest instant {@code t >= from} with {@code covered(from, t) == amount}: where a clock that starts
     * counting at {@code from} has counted {@code amount}. {@code from} itself for a zero amount.
     *
     * @throws IllegalStateException when the calendar covers too little in the next twenty years
     */
    public Instant advance(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative amount " + amount);
        }
        if (amount.isZero()) {
            return from;
        }
        return switch (coverage) {
            case Coverage.AroundTheClock a -> from.plus(amount);
            case Coverage.BusinessHours hours -> {
                Duration left = amount;
                LocalDate day = LocalDate.ofInstant(from, hours.zone());
                for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
                    for (Instant[] window : windows(hours, day)) {
                        Instant start = max(window[0], from);
                        if (!window[1].isAfter(start)) {
                            continue;
                        }
                        Duration available = Duration.between(start, window[1]);
                        if (available.compareTo(left) >= 0) {
                            yield start.plus(left);
                        }
                        left = left.minus(available);
                    }
                }
                throw new IllegalStateException("the coverage calendar covers less than " + amount + " in "
                        + MAX_DAYS + " days after " + from);
            }
        };
    }

    /** Whether the instant is covered. */
    public boolean covers(Instant instant) {
        return !covered(instant, instant.plusNanos(1)).isZero();
    }

    /** The covered intervals of one local day, in time order, as {@code [start, end)} pairs. */
    static List<Instant[]> windows(Coverage.BusinessHours hours, LocalDate day) {
        List<TimeWindow> windows = hours.windows(day.getDayOfWeek());
        if (windows.isEmpty() || hours.holidays().contains(day)) {
            return List.of();
        }
        ZoneRules rules = hours.zone().getRules();
        Instant dayStart = day.atStartOfDay(hours.zone()).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(hours.zone()).toInstant();
        LocalDateTime midnight = day.atStartOfDay();
        List<Instant[]> covered = new ArrayList<>();
        // The day in pieces of constant offset; within one, local time = instant + offset, a straight line.
        Instant pieceStart = dayStart;
        while (pieceStart.isBefore(dayEnd)) {
            ZoneOffsetTransition next = rules.nextTransition(pieceStart);
            Instant pieceEnd = next == null || !next.getInstant().isBefore(dayEnd) ? dayEnd : next.getInstant();
            ZoneOffset offset = rules.getOffset(pieceStart);
            for (TimeWindow window : windows) {
                Instant start = max(midnight.plusMinutes(window.startMinute()).toInstant(offset), pieceStart);
                Instant end = min(midnight.plusMinutes(window.endMinute()).toInstant(offset), pieceEnd);
                if (end.isAfter(start)) {
                    covered.add(new Instant[] {start, end});
                }
            }
            pieceStart = pieceEnd;
        }
        return covered;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
