package io.vigil.sigma.correlation;

import java.util.List;
import java.util.Objects;

/** The condition's comparisons, all of which must hold (the spec's AND for ranges such as gt 100, lte 200). */
public record Threshold(List<Bound> bounds) {

    public enum Operator { GT, GTE, LT, LTE, EQ, NEQ }

    public record Bound(Operator operator, double value) {
        public Bound {
            Objects.requireNonNull(operator, "operator");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a bound must be finite");
            }
        }

        boolean test(double actual) {
            return switch (operator) {
                case GT -> actual > value;
                case GTE -> actual >= value;
                case LT -> actual < value;
                case LTE -> actual <= value;
                case EQ -> actual == value;
                case NEQ -> actual != value;
            };
        }
    }

    public Threshold {
        bounds = List.copyOf(bounds);
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("a threshold needs at least one bound");
        }
    }

    public static Threshold atLeast(double value) {
        return new Threshold(List.of(new Bound(Operator.GTE, value)));
    }

    public boolean test(double actual) {
        return bounds.stream().allMatch(b -> b.test(actual));
    }
}
