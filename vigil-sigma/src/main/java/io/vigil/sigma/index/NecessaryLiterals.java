package io.vigil.sigma.index;

import io.vigil.sigma.CaseFolding;
import io.vigil.sigma.CompiledRule;
import io.vigil.sigma.Predicate;
import io.vigil.sigma.ValueMatcher;
import io.vigil.sigma.condition.Condition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Derives from a compiled rule what must hold of any event it matches. Sound, not complete: whenever the rule matches,
 * one of the returned atoms holds; when in doubt the answer is {@link Necessary.Anything} and the rule is checked on
 * every event.
 *
 * <p>Nothing under {@code not} is necessary (a negation holds when values are absent). {@code and} and
 * {@code all of} keep their most selective operand, {@code or} and {@code 1 of} the union of their operands (nothing
 * if one operand needs nothing). A regular expression yields the longest literal run all its matches contain
 * ({@link RegexLiterals}), if it has one. Numeric comparisons, date parts, CIDR, {@code neq}, {@code exists},
 * {@code null} and {@code fieldref} yield nothing; an empty literal yields nothing.
 */
final class NecessaryLiterals {

    private NecessaryLiterals() {
    }

    static Necessary of(CompiledRule rule) {
        return of(rule.condition(), rule);
    }

    private static Necessary of(Condition node, CompiledRule rule) {
        return switch (node) {
            case Condition.Identifier identifier -> of(rule.search(identifier.name()));
            case Condition.Not not -> Necessary.ANYTHING;
            case Condition.And and -> Necessary.mostSelective(and.operands().stream().map(c -> of(c, rule)).toList());
            case Condition.Or or -> Necessary.union(or.operands().stream().map(c -> of(c, rule)).toList());
            case Condition.Quantified quantified -> {
                List<Necessary> parts = quantified.identifiers().stream().map(i -> of(rule.search(i))).toList();
                yield switch (quantified.quantifier()) {
                    case ONE -> Necessary.union(parts);
                    case ALL -> Necessary.mostSelective(parts);
                };
            }
        };
    }

    static Necessary of(Predicate predicate) {
        return switch (predicate) {
            case null -> Necessary.ANYTHING;
            case Predicate.AllOf all -> Necessary.mostSelective(all.operands().stream().map(NecessaryLiterals::of)
                    .toList());
            case Predicate.AnyOf any -> Necessary.union(any.operands().stream().map(NecessaryLiterals::of).toList());
            case Predicate.FieldTest test -> combine(test.quantifier(),
                    test.matchers().stream().map(m -> ofField(test.field(), m)).toList());
            case Predicate.Keywords keywords -> combine(keywords.quantifier(),
                    keywords.matchers().stream().map(NecessaryLiterals::ofKeyword).toList());
            case Predicate.FieldIsNull isNull -> Necessary.ANYTHING;
            case Predicate.FieldExists exists -> Necessary.ANYTHING;
            case Predicate.FieldRef ref -> Necessary.ANYTHING;
        };
    }

    private static Necessary combine(Predicate.Quantifier quantifier, List<Necessary> parts) {
        return switch (quantifier) {
            case ANY -> Necessary.union(parts);
            case ALL -> Necessary.mostSelective(parts);
        };
    }

    private static Necessary ofField(String field, ValueMatcher matcher) {
        return switch (matcher) {
            case ValueMatcher.Equals equals -> Necessary.of(new Atom.FieldEquals(field, CaseFolding.fold(equals.needle())));
            case ValueMatcher.StartsWith startsWith -> fieldContains(field, startsWith.needle());
            case ValueMatcher.EndsWith endsWith -> fieldContains(field, endsWith.needle());
            case ValueMatcher.Contains contains -> fieldContains(field, contains.needle());
            case ValueMatcher.Wildcard wildcard -> longestRun(wildcard)
                    .map(run -> Necessary.of(new Atom.FieldContains(field, run))).orElse(Necessary.ANYTHING);
            case ValueMatcher.NumberEquals number -> Necessary.union(List.of(
                    Necessary.of(new Atom.FieldNumber(field, number.number())),
                    Necessary.of(new Atom.FieldEquals(field, CaseFolding.fold(number.text())))));
            case ValueMatcher.Regex regex -> fieldContains(field, regex.required());
            case ValueMatcher.Compare compare -> Necessary.ANYTHING;
            case ValueMatcher.DatePart datePart -> Necessary.ANYTHING;
            case ValueMatcher.Cidr cidr -> Necessary.ANYTHING;
            case ValueMatcher.Not not -> Necessary.ANYTHING;
        };
    }

    /** Keyword values are tested one by one, so a keyword value that equals, starts or ends with L contains L. */
    private static Necessary ofKeyword(ValueMatcher matcher) {
        return switch (matcher) {
            case ValueMatcher.Equals equals -> keywordContains(equals.needle());
            case ValueMatcher.StartsWith startsWith -> keywordContains(startsWith.needle());
            case ValueMatcher.EndsWith endsWith -> keywordContains(endsWith.needle());
            case ValueMatcher.Contains contains -> keywordContains(contains.needle());
            case ValueMatcher.Wildcard wildcard -> longestRun(wildcard)
                    .map(run -> Necessary.of(new Atom.KeywordContains(run))).orElse(Necessary.ANYTHING);
            // A number also equals event values written differently ("4688.0"), which no literal covers.
            case ValueMatcher.NumberEquals number -> Necessary.ANYTHING;
            case ValueMatcher.Regex regex -> keywordContains(regex.required());
            case ValueMatcher.Compare compare -> Necessary.ANYTHING;
            case ValueMatcher.DatePart datePart -> Necessary.ANYTHING;
            case ValueMatcher.Cidr cidr -> Necessary.ANYTHING;
            case ValueMatcher.Not not -> Necessary.ANYTHING;
        };
    }

    private static Necessary fieldContains(String field, String needle) {
        return needle.isEmpty() ? Necessary.ANYTHING : Necessary.of(new Atom.FieldContains(field, CaseFolding.fold(needle)));
    }

    private static Necessary keywordContains(String needle) {
        return needle.isEmpty() ? Necessary.ANYTHING : Necessary.of(new Atom.KeywordContains(CaseFolding.fold(needle)));
    }

    private static Optional<String> longestRun(ValueMatcher.Wildcard wildcard) {
        return wildcard.glob().literalRuns().stream().max(Comparator.comparingInt(String::length))
                .map(CaseFolding::fold);
    }
}
