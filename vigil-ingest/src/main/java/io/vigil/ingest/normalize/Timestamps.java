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
final class Timestamps {

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

    static Instant parse(Object value) {
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
