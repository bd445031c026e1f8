package io.vigil.sigma;

import io.vigil.sigma.condition.Condition;
import io.vigil.sigma.event.EventFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rule's detection compiled to matchers: the condition tree over compiled search identifiers. Evaluating it
 * only calls matchers; it never looks at YAML.
 */
public final class CompiledRule {

    private final Condition condition;
    private final Map<String, Predicate> searches;

    CompiledRule(Condition condition, Map<String, Predicate> searches) {
        this.condition = condition;
        this.searches = Map.copyOf(searches);
    }

    public Condition condition() {
        return condition;
    }

    public Set<String> searchIdentifiers() {
        return searches.keySet();
    }

    /** The compiled body of a search identifier, or null if there is none of that name; for the candidate index. */
    public Predicate search(String identifier) {
        return searches.get(identifier);
    }

    /** The match with the fields that made the condition true, or empty. */
    public Optional<Match> matches(EventFields event) {
        List<String> fields = new ArrayList<>();
        if (!evaluate(condition, event, fields)) {
            return Optional.empty();
        }
        return Optional.of(new Match(List.copyOf(new LinkedHashSet<>(fields))));
    }

    // Matched field names are appended as tests succeed; a subtree that turns out false truncates what it added,
    // and a negated subtree contributes nothing (a field that did not match made it true).
    private boolean evaluate(Condition node, EventFields event, List<String> fields) {
        int mark = fields.size();
        boolean result = switch (node) {
            case Condition.Identifier identifier -> test(searches.get(identifier.name()), event, fields);
            case Condition.Not not -> !evaluate(not.operand(), event, new ArrayList<>());
            case Condition.And and -> allConditions(and.operands(), event, fields);
            case Condition.Or or -> anyCondition(or.operands(), event, fields);
            case Condition.Quantified quantified -> switch (quantified.quantifier()) {
                case ONE -> anySearch(quantified.identifiers(), event, fields);
                case ALL -> allSearches(quantified.identifiers(), event, fields);
            };
        };
        if (!result) {
            fields.subList(mark, fields.size()).clear();
        }
        return result;
    }

    private static boolean test(Predicate predicate, EventFields event, List<String> fields) {
        int mark = fields.size();
        boolean result = switch (predicate) {
            case Predicate.AllOf all -> allPredicates(all.operands(), event, fields);
            case Predicate.AnyOf any -> anyPredicate(any.operands(), event, fields);
            case Predicate.FieldTest field -> testField(field, event.get(field.field()));
            case Predicate.FieldIsNull isNull -> event.get(isNull.field()) == null;
            case Predicate.FieldExists exists -> event.contains(exists.field()) == exists.present();
            case Predicate.FieldRef ref -> testFieldRef(ref, event);
            case Predicate.Keywords keywords -> testKeywords(keywords, event);
        };
        if (result) {
            switch (predicate) {
                case Predicate.FieldTest field -> fields.add(field.field());
                case Predicate.FieldIsNull isNull -> fields.add(isNull.field());
                case Predicate.FieldExists exists -> fields.add(exists.field());
                case Predicate.FieldRef ref -> fields.add(ref.field());
                case Predicate.AllOf all -> { }
                case Predicate.AnyOf any -> { }
                case Predicate.Keywords keywords -> { }
            }
        } else {
            fields.subList(mark, fields.size()).clear();
        }
        return result;
    }

    private static boolean testField(Predicate.FieldTest test, Object value) {
        if (value == null) {
            return false;
        }
        // Plain loops rather than streams: this runs for every candidate rule of every event.
        List<ValueMatcher> matchers = test.matchers();
        boolean all = test.quantifier() == Predicate.Quantifier.ALL;
        for (int i = 0, n = matchers.size(); i < n; i++) {
            if (anyElement(matchers.get(i), value) != all) {
                return !all;
            }
        }
        return all;
    }

    private boolean allConditions(List<Condition> operands, EventFields event, List<String> fields) {
        for (int i = 0, n = operands.size(); i < n; i++) {
            if (!evaluate(operands.get(i), event, fields)) {
                return false;
            }
        }
        return true;
    }

    private boolean anyCondition(List<Condition> operands, EventFields event, List<String> fields) {
        for (int i = 0, n = operands.size(); i < n; i++) {
            if (evaluate(operands.get(i), event, fields)) {
                return true;
            }
        }
        return false;
    }

    private boolean allSearches(List<String> identifiers, EventFields event, List<String> fields) {
        for (int i = 0, n = identifiers.size(); i < n; i++) {
            if (!test(searches.get(identifiers.get(i)), event, fields)) {
                return false;
            }
        }
        return true;
    }

    private boolean anySearch(List<String> identifiers, EventFields event, List<String> fields) {
        for (int i = 0, n = identifiers.size(); i < n; i++) {
            if (test(searches.get(identifiers.get(i)), event, fields)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allPredicates(List<Predicate> operands, EventFields event, List<String> fields) {
        for (int i = 0, n = operands.size(); i < n; i++) {
            if (!test(operands.get(i), event, fields)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyPredicate(List<Predicate> operands, EventFields event, List<String> fields) {
        for (int i = 0, n = operands.size(); i < n; i++) {
            if (test(operands.get(i), event, fields)) {
                return true;
            }
        }
        return false;
    }

    /** A multi-valued event field matches a value test if any of its elements does. */
    private static boolean anyElement(ValueMatcher matcher, Object value) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element != null && !(element instanceof List<?>) && matcher.test(element)) {
                    return true;
                }
            }
            return false;
        }
        return matcher.test(value);
    }

    private static boolean testFieldRef(Predicate.FieldRef ref, EventFields event) {
        String left = textOf(event.get(ref.field()), ref.caseMode());
        String right = textOf(event.get(ref.otherField()), ref.caseMode());
        if (left == null || right == null) {
            return false;
        }
        return left.equals(right) == (ref.polarity() == Predicate.Polarity.EQUAL);
    }

    private static String textOf(Object value, CaseMode caseMode) {
        return value == null ? null : Values.text(value, caseMode);
    }

    private static boolean testKeywords(Predicate.Keywords keywords, EventFields event) {
        List<Object> values = new ArrayList<>();
        event.forEachKeywordValue(values::add);
        return switch (keywords.quantifier()) {
            case ANY -> keywords.matchers().stream().anyMatch(m -> values.stream().anyMatch(m::test));
            case ALL -> keywords.matchers().stream().allMatch(m -> values.stream().anyMatch(m::test));
        };
    }
}
