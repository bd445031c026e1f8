package io.vigil.sigma;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/** How event values of different Java types are seen as text, numbers and dates. Public for the candidate index. */
public final class Values {

    // Decimal only: hexadecimal event strings compare as text, never as numbers.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,40}(\\.\\d{0,40})?|\\.\\d{1,40})([eE][+-]?\\d{1,4})?");
    private static final DateTimeFormatter SPACE_SEPARATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    /** Texts of the small non-negative integers events are full of (event ids, task numbers, process ids). */
    private static final int SMALL_INTEGERS = 1 << 14;
    /** Filled as needed; a racing fill writes an equal immutable string, so no synchronisation is needed. */
    private static final String[] SMALL_INTEGER_TEXT = new String[SMALL_INTEGERS];

    private Values() {
    }

    /** {@code Long.toString(value)}, without building a new string for small non-negative values. */
    public static String integerText(long value) {
        if (value < 0 || value >= SMALL_INTEGERS) {
            return Long.toString(value);
        }
        String text = SMALL_INTEGER_TEXT[(int) value];
        if (text == null) {
            text = Long.toString(value);
            SMALL_INTEGER_TEXT[(int) value] = text;
        }
        return text;
    }

    /** Strings as they are; numbers and booleans in their plain text form; anything else has no text. */
    public static String text(Object value, CaseMode caseMode) {
        // Event values are nearly always strings: one type check before the others.
        if (value instanceof String string) {
            return caseMode == CaseMode.SENSITIVE ? string : CaseFolding.fold(string);
        }
        // Type tests rather than a pattern switch, most common first: this runs for every number of every event.
        String text;
        if (value instanceof Integer i) {
            text = integerText(i);
        } else if (value instanceof Long l) {
            text = integerText(l);
        } else if (value instanceof Boolean b) {
            text = b.toString();
        } else if (value instanceof Double d) {
            text = d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                    : d.toString();
        } else if (value instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (value instanceof Number n) { // BigInteger, Short, Byte, Float, ...
            text = n.toString();
        } else if (value instanceof Character c) {
            text = c.toString();
        } else {
            text = null;
        }
        return text == null || caseMode == CaseMode.SENSITIVE ? text : CaseFolding.fold(text);
    }

    /** Numbers, and strings that are decimal numbers; null otherwise. */
    public static BigDecimal number(Object value) {
        if (value instanceof String string) {
            return parseDecimal(string.trim());
        }
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short sh -> BigDecimal.valueOf(sh);
            case Byte b -> BigDecimal.valueOf(b);
            case Double d when !d.isNaN() && !d.isInfinite() -> BigDecimal.valueOf(d);
            case Float f when !f.isNaN() && !f.isInfinite() -> BigDecimal.valueOf(f.doubleValue());
            case String s -> parseDecimal(s.trim());
            default -> null;
        };
    }

    static BigDecimal parseDecimal(String text) {
        // Most event strings are not numbers: the first character rules them out before the regular expression.
        if (text.isEmpty() || text.length() > 100 || !startsLikeDecimal(text.charAt(0))
                || !DECIMAL.matcher(text).matches()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean startsLikeDecimal(char first) {
        return first >= '0' && first <= '9' || first == '+' || first == '-' || first == '.';
    }

    /** ISO-8601 (a time with an offset is taken in UTC) or {@code yyyy-MM-dd HH:mm:ss[.fff]} (Sysmon UtcTime). */
    static TemporalAccessor time(Object value) {
        if (!(value instanceof String text) || text.length() > 64) {
            return null;
        }
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(trimmed);
            } catch (DateTimeParseException notIso) {
                try {
                    return LocalDateTime.parse(trimmed, SPACE_SEPARATED);
                } catch (DateTimeParseException notSpaced) {
                    return null;
                }
            }
        }
    }
}
