package io.vigil.ingest.normalize;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/** Reads the timestamp shapes sources actually send. Unknown shapes yield {@code null}, never an exception. */
public final class Timestamps {

    /**
     * ISO-8601 date-times with or without an offset; the offset may be {@code Z}, {@code +02:00} or
     * {@code +0200} (Suricata). Without an offset the time is taken as UTC: sources that log local time
     * must say so.
     */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    public static Instant parse(Object value) {
        if (value instanceof Number number) {
            return fromEpoch(new BigDecimal(number.toString()));
        }
        if (!(value instanceof String text) || text.isEmpty() || text.length() > 64) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.endsWith(" UTC") || trimmed.endsWith(" GMT")) {
            trimmed = trimmed.substring(0, trimmed.length() - 4) + "Z";
        }
        Instant utc = isoUtc(trimmed);
        if (utc != null) {
            return utc;
        }
        // DATE_TIME needs a year (a digit or a sign first) and a clock (a ':'): text without them skips the
        // parser and the cost of its exception
        if (!trimmed.isEmpty() && (isDigit(trimmed.charAt(0)) || trimmed.charAt(0) == '+' || trimmed.charAt(0) == '-')
                && trimmed.indexOf(':') >= 0) {
            try {
                TemporalAccessor parsed = DATE_TIME.parseBest(trimmed, OffsetDateTime::from, LocalDateTime::from);
                return parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // not a date-time: maybe epoch digits
            }
        }
        if (isEpoch(trimmed)) {
            return fromEpoch(new BigDecimal(trimmed));
        }
        return null;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the form every syslog decoder writes to {@code syslog.time} and most
     * JSON sources send, read without the general parser (a third of the normaliser's time on syslog events);
     * null for any other text, which then takes the general path.
     */
    public static Instant isoUtc(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n - 21 > 9) {
                return null;
            }
            for (int i = 20; i < n - 1; i++) {
                if (!isDigit(t.charAt(i))) {
                    return null;
                }
                nanos = nanos * 10 + (t.charAt(i) - '0');
            }
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /**
     * {@code Instant.toString()} of {@link #isoUtc}{@code (t)}, without the formatter: for text of that form the
     * date and time are already written as {@code Instant.toString()} writes them, and only the fraction is
     * rewritten (none when zero, else three, six or nine digits). Null where {@link #isoUtc} is null.
     */
    public static String isoUtcText(String t) {
        Instant instant = isoUtc(t);
        if (instant == null) {
            return null;
        }
        if (t.length() == 20) {
            return t;
        }
        int nanos = instant.getNano();
        if (nanos == 0) {
            return t.substring(0, 19) + "Z";
        }
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        String fraction = Integer.toString(1_000_000_000 + nanos).substring(1, 1 + digits);
        return t.substring(0, 20) + fraction + "Z";
    }

    /** The decimal number in {@code t[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code \\d{9,13}(\\.\\d{1,9})?}. */
    private static boolean isEpoch(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        if (i < 9 || i > 13) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        int fraction = n - i - 1;
        if (fraction < 1 || fraction > 9) {
            return false;
        }
        for (int k = i + 1; k < n; k++) {
            if (!isDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Seconds (Zeek's {@code ts}) or milliseconds, told apart by magnitude. */
    private static Instant fromEpoch(BigDecimal value) {
        if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(99_999_999_999_999L)) > 0) {
            return null;
        }
        BigDecimal seconds = value.compareTo(BigDecimal.valueOf(100_000_000_000L)) >= 0
                ? value.movePointLeft(3) : value;
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
