package io.vigil.sigma.index;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fact about an event that the index can test cheaply. Texts are case-folded ({@code CaseFolding.fold}); an
 * event value is folded the same way before it is compared, so a case-sensitive rule value is indexed by its folded
 * form too (folding per code point keeps equality, prefixes and substrings).
 */
sealed interface Atom {

    /** A scalar of the field, as text and folded, equals {@code text}. */
    record FieldEquals(String field, String text) implements Atom {
        public FieldEquals {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A scalar of the field is numerically equal to {@code number} (held without trailing zeros). */
    record FieldNumber(String field, BigDecimal number) implements Atom {
        public FieldNumber {
            Objects.requireNonNull(field, "field");
            number = number.stripTrailingZeros();
        }
    }

    /** A scalar of the field, as text and folded, contains the non-empty {@code literal}. */
    record FieldContains(String field, String literal) implements Atom {
        public FieldContains {
            Objects.requireNonNull(field, "field");
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("an empty literal is contained in every value");
            }
        }
    }

    /** One of the event's keyword values, as text and folded, contains the non-empty {@code literal}. */
    record KeywordContains(String literal) implements Atom {
        public KeywordContains {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("an empty literal is contained in every value");
            }
        }
    }
}
