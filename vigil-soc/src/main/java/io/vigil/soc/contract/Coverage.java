package io.vigil.soc.contract;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the SLA clocks of a contract run: around the clock, or in business hours of a time zone less holidays.
 * Covered time is real elapsed time inside the covered local hours (an hour lost to a DST change is not covered,
 * an hour repeated is covered twice); see docs/sla.md.
 */
public sealed interface Coverage {

    /** Every instant is covered. */
    record AroundTheClock() implements Coverage {
    }

    /**
     * Business hours.
     *
     * @param zone     the time zone the hours and holidays are read in
     * @param hours    per day of the week, non-overlapping windows in ascending order; a day without windows is not
     *                 covered
     * @param holidays local dates that are not covered at all
     */
    record BusinessHours(ZoneId zone, Map<DayOfWeek, List<TimeWindow>> hours, Set<LocalDate> holidays)
            implements Coverage {

        public static final int MAX_WINDOWS_PER_DAY = 8;
        public static final int MAX_HOLIDAYS = 1_000;

        public BusinessHours {
            Objects.requireNonNull(zone, "zone");
            Map<DayOfWeek, List<TimeWindow>> copy = new EnumMap<>(DayOfWeek.class);
            hours.forEach((day, windows) -> {
                if (windows.size() > MAX_WINDOWS_PER_DAY) {
                    throw new IllegalArgumentException(day + " has more than " + MAX_WINDOWS_PER_DAY + " windows");
                }
                for (int i = 1; i < windows.size(); i++) {
                    if (windows.get(i).startMinute() < windows.get(i - 1).endMinute()) {
                        throw new IllegalArgumentException(day + ": windows must be in order and not overlap ("
                                + windows.get(i - 1) + ", " + windows.get(i) + ")");
                    }
                }
                if (!windows.isEmpty()) {
                    copy.put(day, List.copyOf(windows));
                }
            });
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("business hours must cover at least one window in the week");
            }
            if (holidays.size() > MAX_HOLIDAYS) {
                throw new IllegalArgumentException("at most " + MAX_HOLIDAYS + " holidays");
            }
            hours = java.util.Collections.unmodifiableMap(copy);
            holidays = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
        }

        /** Monday to Friday, 08:00–18:00, no holidays. */
        public static BusinessHours weekdays(ZoneId zone, TimeWindow window) {
            Map<DayOfWeek, List<TimeWindow>> hours = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY)) {
                hours.put(day, List.of(window));
            }
            return new BusinessHours(zone, hours, Set.of());
        }

        /** The windows of one day (empty when the day is not covered). */
        public List<TimeWindow> windows(DayOfWeek day) {
            return hours.getOrDefault(day, List.of());
        }
    }
}
