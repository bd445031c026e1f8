package io.vigil.sigma.logsource;

import io.vigil.sigma.Values;
import io.vigil.sigma.event.EventFields;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One test of a mapping entry's {@code when}. Text comparisons ignore case (Windows channel and provider names are
 * case-insensitive); numbers compare as their plain decimal text, so {@code EventID: 1} holds for {@code 1} and
 * {@code "1"}. A list-valued event field passes a positive test when any element does.
 */
sealed interface FieldTest {

    String field();

    boolean test(EventFields event);

    /** {@code field: value} or {@code field: [a, b]} or {@code {equals: v}} / {@code {in: [...]}}. */
    record In(String field, List<String> values) implements FieldTest {
        public In {
            field = field.intern();
        }

        @Override
        public boolean test(EventFields event) {
            return anyText(event.get(field), text -> values.stream().anyMatch(text::equalsIgnoreCase));
        }
    }

    /** {@code {not_in: [...]}}: absent, or present with no value in the list. */
    record NotIn(String field, List<String> values) implements FieldTest {
        public NotIn {
            field = field.intern();
        }

        @Override
        public boolean test(EventFields event) {
            return !new In(field, values).test(event);
        }
    }

    /** {@code {exists: true|false}}: presence, even with a null value. */
    record Exists(String field, boolean expected) implements FieldTest {
        public Exists {
            field = field.intern();
        }

        @Override
        public boolean test(EventFields event) {
            return event.contains(field) == expected;
        }
    }

    record StartsWith(String field, String prefix) implements FieldTest {
        public StartsWith {
            field = field.intern();
        }

        @Override
        public boolean test(EventFields event) {
            return anyText(event.get(field), text -> text.regionMatches(true, 0, prefix, 0, prefix.length()));
        }
    }

    record EndsWith(String field, String suffix) implements FieldTest {
        public EndsWith {
            field = field.intern();
        }

        @Override
        public boolean test(EventFields event) {
            return anyText(event.get(field), text -> text.length() >= suffix.length()
                    && text.regionMatches(true, text.length() - suffix.length(), suffix, 0, suffix.length()));
        }
    }

    private static boolean anyText(Object value, java.util.function.Predicate<String> test) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(element -> !(element instanceof List<?>) && anyText(element, test));
        }
        String text = text(value);
        return text != null && test.test(text);
    }

    /** Plain text of a scalar event value; null for null, maps and anything else. */
    static String text(Object value) {
        if (value instanceof String string) {
            return string;
        }
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Integer i -> Values.integerText(i);
            case Long l -> Values.integerText(l);
            case Short s -> s.toString();
            case Byte b -> b.toString();
            case BigInteger b -> b.toString();
            case BigDecimal b -> b.stripTrailingZeros().toPlainString();
            case Double d when d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
            case Float f when f == Math.rint(f) && !f.isInfinite() && Math.abs(f) < 1e7 -> Long.toString(f.longValue());
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case Map<?, ?> m -> null;
            default -> null;
        };
    }
}
