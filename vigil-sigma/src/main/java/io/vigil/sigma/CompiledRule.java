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
 *
 * <p>The condition and its searches are turned once more, at construction, into a tree of {@link Node}s: every
 * identifier resolved to its search, every {@code 1 of} / {@code all of} to a plain OR / AND. Evaluating a node is a
 * virtual call; matching on the condition's and the predicate's record types per event cost several times more.
 */
public final class CompiledRule {

    private final Condition condition;
    private final Map<String, Predicate> searches;
    private final Node root;

    CompiledRule(Condition condition, Map<String, Predicate> searches) {
        this.condition = condition;
        this.searches = Map.copyOf(searches);
        this.root = node(condition);
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
        if (!root.test(event, fields)) {
            return Optional.empty();
        }
        return Optional.of(new Match(List.copyOf(new LinkedHashSet<>(fields))));
    }

    /**
     * One node of the compiled condition. {@code fields} collects the names of the fields whose tests made the
     * node true: a node that turns out false leaves {@code fields} as it found it, and a negated subtree contributes
     * nothing (a field that did not match made it true).
     */
    private interface Node {
        boolean test(EventFields event, List<String> fields);
    }

    private Node node(Condition condition) {
        return switch (condition) {
            case Condition.Identifier identifier -> search(identifier.name(), identifier);
            case Condition.Not not -> new NotNode(node(not.operand()));
            case Condition.And and -> new AllNode(and.operands().stream().map(this::node).toArray(Node[]::new));
            case Condition.Or or -> new AnyNode(or.operands().stream().map(this::node).toArray(Node[]::new));
            case Condition.Quantified quantified -> {
                Node[] operands = quantified.identifiers().stream().map(i -> search(i, quantified)).toArray(Node[]::new);
                yield switch (quantified.quantifier()) {
                    case ONE -> new AnyNode(operands);
                    case ALL -> new AllNode(operands);
                };
            }
        };
    }

    private Node search(String identifier, Condition where) {
        Predicate predicate = searches.get(identifier);
        if (predicate == null) {
            throw new IllegalArgumentException("condition " + where + " names no search identifier " + identifier);
        }
        return node(predicate);
    }

    private static Node node(Predicate predicate) {
        return switch (predicate) {
            case Predicate.AllOf all -> new AllNode(all.operands().stream().map(CompiledRule::node).toArray(Node[]::new));
            case Predicate.AnyOf any -> new AnyNode(any.operands().stream().map(CompiledRule::node).toArray(Node[]::new));
            case Predicate.FieldTest field -> new FieldNode(field.field(),
                    field.matchers().toArray(ValueMatcher[]::new), field.quantifier() == Predicate.Quantifier.ALL);
            case Predicate.FieldIsNull isNull -> new IsNullNode(isNull.field());
            case Predicate.FieldExists exists -> new ExistsNode(exists.field(), exists.present());
            case Predicate.FieldRef ref -> new FieldRefNode(ref);
            case Predicate.Keywords keywords -> new KeywordsNode(keywords);
        };
    }

    /** Drops what a subtree that turned out false added. */
    private static void truncate(List<String> fields, int mark) {
        while (fields.size() > mark) {
            fields.removeLast();
        }
    }

    private record NotNode(Node operand) implements Node {
        @Override
        public boolean test(EventFields event, List<String> fields) {
            return !operand.test(event, new ArrayList<>(2));
        }
    }

    // Plain loops rather than streams: nodes run for every candidate rule of every event.
    private record AllNode(Node[] operands) implements Node {
        @Override
        public boolean test(EventFields event, List<String> fields) {
            int mark = fields.size();
            for (Node operand : operands) {
                if (!operand.test(event, fields)) {
                    truncate(fields, mark);
                    return false;
                }
            }
            return true;
        }
    }

    private record AnyNode(Node[] operands) implements Node {
        @Override
        public boolean test(EventFields event, List<String> fields) {
            for (Node operand : operands) {
                if (operand.test(event, fields)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The field is present with a non-null value and any (or all) of the matchers hold. */
    private record FieldNode(String field, ValueMatcher[] matchers, boolean all) implements Node {
        @Override
        public boolean test(EventFields event, List<String> fields) {
            Object value = event.get(field);
            if (value == null) {
                return false;
            }
            for (ValueMatcher matcher : matchers) {
                if (anyElement(matcher, value) != all) {
                    if (all) {
                        return false;
                    }
                    fields.add(field);
                    return true;
                }
            }
            if (all) {
                fields.add(field);
            }
            return all;
        }
    }

    private record IsNullNode(String field) implements Node {
        @Override
        public boolean test(EventFields event, List<String> fields) {
            if (event.get(field) != null) {
                return false;
            }
            fields.add(field);
            return true;
        }
    }

    private record ExistsNode(String field, boolean present) implements Node {
        @Override
        public boolean test(EventFields event, List<String> fields) {
            if (event.contains(field) != present) {
                return false;
            }
            fields.add(field);
            return true;
        }
    }

    private record FieldRefNode(Predicate.FieldRef ref) implements Node {
        @Override
        public boolean test(EventFields event, List<String> fields) {
            String left = textOf(event.get(ref.field()), ref.caseMode());
            String right = textOf(event.get(ref.otherField()), ref.caseMode());
            if (left == null || right == null
                    || left.equals(right) != (ref.polarity() == Predicate.Polarity.EQUAL)) {
                return false;
            }
            fields.add(ref.field());
            return true;
        }
    }

    private record KeywordsNode(Predicate.Keywords keywords) implements Node {
        @Override
        public boolean test(EventFields event, List<String> fields) {
            List<Object> values = new ArrayList<>();
            event.forEachKeywordValue(values::add);
            return switch (keywords.quantifier()) {
                case ANY -> keywords.matchers().stream().anyMatch(m -> values.stream().anyMatch(m::test));
                case ALL -> keywords.matchers().stream().allMatch(m -> values.stream().anyMatch(m::test));
            };
        }
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

    private static String textOf(Object value, CaseMode caseMode) {
        return value == null ? null : Values.text(value, caseMode);
    }
}
