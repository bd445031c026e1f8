package io.vigil.soc.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.TimeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Instant at(String local, ZoneId zone) {
        return java.time.LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static Coverage.BusinessHours everyDay(ZoneId zone, String window, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<TimeWindow>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(TimeWindow.parse(window)));
        }
        return new Coverage.BusinessHours(zone, hours, holidays);
    }

    static BusinessCalendar officeHours(ZoneId zone, LocalDate... holidays) {
        Coverage.BusinessHours weekdays = Coverage.BusinessHours.weekdays(zone, TimeWindow.parse("08:00-18:00"));
        return BusinessCalendar.of(new Coverage.BusinessHours(zone, weekdays.hours(), Set.of(holidays)));
    }

    @Test
    void aWholeDayWindowHasTwentyThreeHoursOnSpringForwardAndTwentyFiveOnFallBack() {
        BusinessCalendar allDay = BusinessCalendar.of(everyDay(BERLIN, "00:00-24:00", Set.of()));

        assertThat(allDay.covered(at("2025-03-30T00:00", BERLIN), at("2025-03-31T00:00", BERLIN))).isEqualTo(Duration.ofHours(23));
        assertThat(allDay.covered(at("2025-10-26T00:00", BERLIN), at("2025-10-27T00:00", BERLIN))).isEqualTo(Duration.ofHours(25));
        assertThat(allDay.covered(at("2025-06-01T00:00", BERLIN), at("2025-06-02T00:00", BERLIN))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aWindowAcrossTheSkippedHourLosesItAndAWindowAcrossTheRepeatedHourCountsItTwice() {
        BusinessCalendar night = BusinessCalendar.of(everyDay(BERLIN, "01:00-04:00", Set.of()));
        // 2025-03-30: 02:00 CET jumps to 03:00 CEST; local 01:00-04:00 lasts two real hours
        assertThat(night.covered(at("2025-03-30T00:00", BERLIN), at("2025-03-30T12:00", BERLIN))).isEqualTo(Duration.ofHours(2));
        // 2025-10-26: 03:00 CEST falls back to 02:00 CET; local 01:00-04:00 lasts four real hours
        assertThat(night.covered(at("2025-10-26T00:00", BERLIN), at("2025-10-26T12:00", BERLIN))).isEqualTo(Duration.ofHours(4));

        BusinessCalendar inGap = BusinessCalendar.of(everyDay(BERLIN, "02:30-04:00", Set.of()));
        assertThat(inGap.covered(at("2025-03-30T00:00", BERLIN), at("2025-03-30T12:00", BERLIN)))
                .as("only local 03:00-04:00 exists that day").isEqualTo(Duration.ofHours(1));
        BusinessCalendar endsInOverlap = BusinessCalendar.of(everyDay(BERLIN, "01:00-02:30", Set.of()));
        assertThat(endsInOverlap.covered(at("2025-10-26T00:00", BERLIN), at("2025-10-26T12:00", BERLIN)))
                .as("01:00-02:30 CEST and again 02:00-02:30 CET").isEqualTo(Duration.ofHours(2));
        // advancing through the fall-back night lands in the repeated hour, second pass
        Instant start = at("2025-10-26T01:00", BERLIN);
        assertThat(endsInOverlap.advance(start, Duration.ofMinutes(105)))
                .isEqualTo(ZonedDateTime.of(2025, 10, 26, 2, 15, 0, 0, BERLIN).withLaterOffsetAtOverlap().toInstant());
    }

    @Test
    void officeHoursSkipNightsWeekendsAndHolidays() {
        BusinessCalendar office = officeHours(BERLIN, LocalDate.parse("2025-12-25"), LocalDate.parse("2025-12-26"));
        Instant wednesdayEvening = at("2025-12-24T17:00", BERLIN);

        assertThat(office.advance(wednesdayEvening, Duration.ofHours(4)))
                .as("1 h on the 24th, then Christmas, Boxing Day and the weekend").isEqualTo(at("2025-12-29T11:00", BERLIN));
        assertThat(office.covered(wednesdayEvening, at("2025-12-29T11:00", BERLIN))).isEqualTo(Duration.ofHours(4));
        assertThat(office.covers(at("2025-12-25T10:00", BERLIN))).isFalse();
        assertThat(office.covers(at("2025-12-29T08:00", BERLIN))).isTrue();
        assertThat(office.covers(at("2025-12-29T18:00", BERLIN))).as("windows end exclusive").isFalse();
    }

    @Test
    void officeHoursOverTheAmericanSpringForwardWeekendKeepLocalHours() {
        BusinessCalendar office = BusinessCalendar.of(Coverage.BusinessHours.weekdays(NEW_YORK, TimeWindow.parse("09:00-17:00")));
        Instant fridayAfternoon = at("2025-03-07T15:00", NEW_YORK); // EST, UTC-5

        Instant due = office.advance(fridayAfternoon, Duration.ofHours(4));

        assertThat(due).isEqualTo(at("2025-03-10T11:00", NEW_YORK)).isEqualTo(Instant.parse("2025-03-10T15:00:00Z")); // EDT
        assertThat(office.covered(fridayAfternoon, due)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aroundTheClockIsRealTimeAcrossDst() {
        BusinessCalendar always = BusinessCalendar.of(new Coverage.AroundTheClock());
        Instant beforeJump = at("2025-03-30T01:50", BERLIN);

        assertThat(always.advance(beforeJump, Duration.ofMinutes(15))).isEqualTo(at("2025-03-30T03:05", BERLIN));
        assertThat(always.covered(beforeJump, at("2025-03-30T03:05", BERLIN))).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void nothingIsCoveredBackwardsAndZeroAdvancesNowhere() {
        BusinessCalendar office = officeHours(BERLIN);
        Instant t = at("2025-06-02T09:00", BERLIN);

        assertThat(office.covered(t, t.minusSeconds(60))).isZero();
        assertThat(office.advance(t, Duration.ZERO)).isEqualTo(t);
        assertThat(office.advance(at("2025-06-01T09:00", BERLIN), Duration.ofNanos(1)))
                .as("Sunday: the first covered instant is Monday 08:00").isEqualTo(at("2025-06-02T08:00", BERLIN).plusNanos(1));
    }

    /** Covered time agrees with counting instant by instant, and advance is its exact inverse, across DST weeks. */
    @Test
    void coveredAgreesWithMinuteByMinuteCountingAndAdvanceInvertsIt() {
        Map<DayOfWeek, List<TimeWindow>> hours = new EnumMap<>(DayOfWeek.class);
        hours.put(DayOfWeek.SATURDAY, List.of(TimeWindow.parse("00:30-02:45"), TimeWindow.parse("03:00-24:00")));
        hours.put(DayOfWeek.SUNDAY, List.of(TimeWindow.parse("01:15-02:40"), TimeWindow.parse("02:50-09:00")));
        hours.put(DayOfWeek.MONDAY, List.of(TimeWindow.parse("08:00-12:00"), TimeWindow.parse("13:00-17:30")));
        Set<LocalDate> holidays = Set.of(LocalDate.parse("2025-10-28"));
        Random random = new Random(7);
        for (ZoneId zone : List.of(BERLIN, NEW_YORK, ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"))) {
            Coverage.BusinessHours coverage = new Coverage.BusinessHours(zone, hours, holidays);
            BusinessCalendar calendar = BusinessCalendar.of(coverage);
            for (int i = 0; i < 40; i++) {
                Instant from = Instant.parse(random.nextBoolean() ? "2025-10-24T00:00:00Z" : "2025-03-27T00:00:00Z")
                        .plusSeconds(60L * random.nextInt(8 * 24 * 60));
                Instant to = from.plusSeconds(60L * random.nextInt(5 * 24 * 60));
                long minutes = 0;
                for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
                    if (coveredByDefinition(coverage, t)) {
                        minutes++;
                    }
                }
                assertThat(calendar.covered(from, to)).as("%s %s..%s", zone, from, to).isEqualTo(Duration.ofMinutes(minutes));
                Duration amount = Duration.ofMinutes(1 + random.nextInt(3000));
                Instant reached = calendar.advance(from, amount);
                assertThat(calendar.covered(from, reached)).isEqualTo(amount);
                assertThat(calendar.covered(from, reached.minusNanos(1))).isLessThan(amount);
            }
        }
    }

    /** The definition, instant by instant: the local date is no holiday and the local time is in a window. */
    private static boolean coveredByDefinition(Coverage.BusinessHours coverage, Instant t) {
        ZonedDateTime local = t.atZone(coverage.zone());
        if (coverage.holidays().contains(local.toLocalDate())) {
            return false;
        }
        int minute = local.toLocalTime().toSecondOfDay() / 60;
        return coverage.windows(local.getDayOfWeek()).stream().anyMatch(w -> minute >= w.startMinute() && minute < w.endMinute());
    }
}
