package io.vigil.sigma;

import java.util.List;
import java.util.Objects;

/**
 * The compiled body of one search identifier: maps are AND of field tests, lists of maps are OR, lists of plain
 * values are keyword searches.
 * Public so that the candidate index ({@code io.vigil.sigma.index}) can read compiled rules; not an API for callers.
 * Field names are interned, as JSON decoders intern member names, so that looking one up in a decoded event succeeds
 * by identity rather than by comparing characters.
 */
public sealed interface Predicate {

    record AllOf(List<Predicate> operands) implements Predicate {
        public AllOf {
            operands = List.copyOf(operands);
        }
    }

    record AnyOf(List<Predicate> operands) implements Predicate {
        public AnyOf {
            operands = List.copyOf(operands);
        }
    }

    /** The field is present with a non-null value and its value satisfies any (or all) of the matchers. */
    record FieldTest(String field, Quantifier quantifier, List<ValueMatcher> matchers) implements Predicate {
        public FieldTest {
            field = Objects.requireNonNull(field, "field").intern();
            Objects.requireNonNull(quantifier, "quantifier");
            matchers = List.copyOf(matchers);
        }
    }

    /** {@code Field: null}: the field is absent or explicitly null. */
    record FieldIsNull(String field) implements Predicate {
        public FieldIsNull {
            field = field.intern();
        }
    }

    /** {@code Field|exists: true/false}: presence only, whatever the value (even null or empty). */
    record FieldExists(String field, boolean present) implements Predicate {
        public FieldExists {
            field = field.intern();
        }
    }

    /** {@code Field|fieldref: Other}: both present and equal (or, negated, both present and different). */
    record FieldRef(String field, String otherField, CaseMode caseMode, Polarity polarity) implements Predicate {
        public FieldRef {
            field = field.intern();
            otherField = otherField.intern();
        }
    }

    /** Field-less values searched in every scalar of the event. */
    record Keywords(Quantifier quantifier, List<ValueMatcher> matchers) implements Predicate {
        public Keywords {
            matchers = List.copyOf(matchers);
        }
    }

    enum Quantifier {
        ANY, ALL
    }

    enum Polarity {
        EQUAL, DIFFERENT
    }
}
