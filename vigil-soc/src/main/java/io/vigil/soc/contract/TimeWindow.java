package io.vigil.soc.contract;

/**
 * Covered local hours of one day, {@code [start, end)} in minutes after local midnight; {@code end} may be 1440
 * (the next midnight). Written {@code HH:MM-HH:MM}, with {@code 24:00} for the end of the day.
 */
public record TimeWindow(int startMinute, int endMinute) {

    public static final int DAY = 24 * 60;

    public TimeWindow {
        if (startMinute < 0 || endMinute > DAY || startMinute >= endMinute) {
            throw new IllegalArgumentException("a window runs from 00:00 to 24:00 and ends after it starts, was "
                    + text(startMinute) + "-" + text(endMinute));
        }
    }

    /** @throws IllegalArgumentException naming the text when it is not {@code HH:MM-HH:MM} */
    public static TimeWindow parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a window is written HH:MM-HH:MM, not '" + text + "'");
        }
        return new TimeWindow(minutes(parts[0], text), minutes(parts[1], text));
    }

    private static int minutes(String hhmm, String text) {
        if (!hhmm.matches("\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException("a window is written HH:MM-HH:MM, not '" + text + "'");
        }
        int hours = Integer.parseInt(hhmm.substring(0, 2));
        int minutes = Integer.parseInt(hhmm.substring(3));
        if (minutes > 59 || hours > 24 || hours == 24 && minutes != 0) {
            throw new IllegalArgumentException("not a time of day in '" + text + "'");
        }
        return hours * 60 + minutes;
    }

    private static String text(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    @Override
    public String toString() {
        return text(startMinute) + "-" + text(endMinute);
    }
}
