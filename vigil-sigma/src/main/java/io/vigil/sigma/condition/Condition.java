package io.vigil.sigma.condition;

import java.util.List;
import java.util.Objects;

/**
 * The parsed Sigma condition: a closed tree that evaluators walk with an exhaustive switch.
 * Identifier patterns ({@code 1 of selection_*}) are resolved against the rule's search identifiers at parse time,
 * so evaluation never matches patterns.
 */
public sealed interface Condition {

    /** A reference to one search identifier. */
    record Identifier(String name) implements Condition {
        public Identifier {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code not operand}. */
    record Not(Condition operand) implements Condition {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** Logical AND of two or more operands. */
    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("and needs at least two operands");
            }
        }
    }

    /** Logical OR of two or more operands. */
    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("or needs at least two operands");
            }
        }
    }

    /**
     * {@code 1 of pattern}, {@code all of pattern} or the same over {@code them}; {@code identifiers} are the
     * search identifiers the pattern resolved to, never empty.
     */
    record Quantified(Quantifier quantifier, String pattern, List<String> identifiers) implements Condition {
        public Quantified {
            Objects.requireNonNull(quantifier, "quantifier");
            Objects.requireNonNull(pattern, "pattern");
            identifiers = List.copyOf(identifiers);
            if (identifiers.isEmpty()) {
                throw new IllegalArgumentException("'" + pattern + "' matches no search identifier");
            }
        }
    }

    /** How many of the identifiers selected by an {@code of} expression must match. */
    enum Quantifier {
        ONE, ALL
    }
}
