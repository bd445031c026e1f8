package io.vigil.sigma;

import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.util.Objects;

/**
 * A compiled test of one event value. Rule values are compiled to these at load time, so no YAML is interpreted
 * while events flow. Event values reach {@link #test} non-null and scalar (lists are spread by the caller).
 * Public so that the candidate index ({@code io.vigil.sigma.index}) can read compiled rules; not an API for callers.
 */
public sealed interface ValueMatcher {

    boolean test(Object eventValue);

    /** Case-insensitive needles are folded at compile time; the event text is folded per test. */
    record Equals(String needle, CaseMode caseMode) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            String text = Values.text(eventValue, caseMode);
            return text != null && text.equals(needle);
        }
    }

    record StartsWith(String needle, CaseMode caseMode) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            String text = Values.text(eventValue, caseMode);
            return text != null && text.startsWith(needle);
        }
    }

    record EndsWith(String needle, CaseMode caseMode) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            String text = Values.text(eventValue, caseMode);
            return text != null && text.endsWith(needle);
        }
    }

    record Contains(String needle, CaseMode caseMode) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            String text = Values.text(eventValue, caseMode);
            return text != null && text.contains(needle);
        }
    }

    record Wildcard(Glob glob, CaseMode caseMode) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            String text = Values.text(eventValue, CaseMode.SENSITIVE);
            return text != null && glob.matches(text, caseMode);
        }
    }

    /**
     * RE2/J only: rules are untrusted, and RE2 matches in time linear in the input. Unanchored search.
     * {@code required} is a case-folded literal every match contains and {@code minLength} the fewest code points
     * of any match ({@link RegexLiterals}; empty and 0 when unknown): a text shorter than that, or without the
     * literal, is rejected before the regular expression runs.
     */
    record Regex(Pattern pattern, String required, int minLength) implements ValueMatcher {

        public Regex {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(required, "required");
        }

        public static Regex of(Pattern pattern) {
            String source = pattern.pattern();
            return new Regex(pattern, CaseFolding.fold(RegexLiterals.longestRun(source)),
                    RegexLiterals.minLength(source));
        }

        @Override
        public boolean test(Object eventValue) {
            String text = Values.text(eventValue, CaseMode.SENSITIVE);
            return text != null && text.length() >= minLength
                    && (required.isEmpty() || CaseFolding.fold(text).contains(required))
                    && pattern.matcher(text).find();
        }
    }

    /**
     * A plain numeric rule value such as {@code EventID: 4688}: equal to a numeric event value, to an event string
     * that is the same number, or to an event string equal to the rule's text (so {@code 0x17} still matches
     * {@code "0x17"}).
     */
    record NumberEquals(BigDecimal number, String text) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            BigDecimal value = Values.number(eventValue);
            if (value != null && value.compareTo(number) == 0) {
                return true;
            }
            String eventText = Values.text(eventValue, CaseMode.INSENSITIVE);
            return eventText != null && eventText.equals(text);
        }
    }

    record Compare(Comparison comparison, BigDecimal bound) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            BigDecimal value = Values.number(eventValue);
            return value != null && comparison.holds(value.compareTo(bound));
        }
    }

    /** Extracts a date part ({@code hour}, {@code month}...) from a date value and compares it as a number. */
    record DatePart(TimePart part, ValueMatcher onPart) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            TemporalAccessor time = Values.time(eventValue);
            return time != null && onPart.test(BigInteger.valueOf(part.of(time)));
        }
    }

    record Cidr(byte[] network, int prefixLength) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            String text = Values.text(eventValue, CaseMode.SENSITIVE);
            byte[] address = text == null ? null : IpLiterals.parse(text.trim());
            if (address == null || address.length != network.length) {
                return false;
            }
            return IpLiterals.samePrefix(address, network, prefixLength);
        }
    }

    /** {@code neq}: the event value is present and different. */
    record Not(ValueMatcher matcher) implements ValueMatcher {
        @Override
        public boolean test(Object eventValue) {
            return !matcher.test(eventValue);
        }
    }

    enum Comparison {
        LT, LTE, GT, GTE, EQ;

        boolean holds(int order) {
            return switch (this) {
                case LT -> order < 0;
                case LTE -> order <= 0;
                case GT -> order > 0;
                case GTE -> order >= 0;
                case EQ -> order == 0;
            };
        }
    }

    enum TimePart {
        MINUTE, HOUR, DAY, WEEK, MONTH, YEAR;

        int of(TemporalAccessor time) {
            return switch (this) {
                case MINUTE -> time.get(ChronoField.MINUTE_OF_HOUR);
                case HOUR -> time.get(ChronoField.HOUR_OF_DAY);
                case DAY -> time.get(ChronoField.DAY_OF_MONTH);
                case WEEK -> time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> time.get(ChronoField.MONTH_OF_YEAR);
                case YEAR -> time.get(ChronoField.YEAR);
            };
        }
    }
}
