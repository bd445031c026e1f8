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
            case Predicate.FieldTest field -> FieldNode.of(field.field(), field.matchers(),
                    field.quantifier() == Predicate.Quantifier.ALL);
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

    /**
     * The field is present with a non-null value and any (or all) of the matchers hold.
     *
     * <p>A single value meets the case-insensitive text matchers ({@code equals}, {@code startswith},
     * {@code endswith}, {@code contains}) through {@code folded}: its text is folded once for all of them rather
     * than once per matcher (a {@code CommandLine|contains} list of forty needles folded it forty times), then
     * compared with each needle. Which matcher holds first does not change the outcome, so they may be regrouped.
     * The other matchers ({@code rest}) test the value as they are. A list value is tested matcher by matcher,
     * element by element, as the rule says.
     */
    private record FieldNode(String field, ValueMatcher[] matchers, boolean all, FoldedTexts folded,
                             ValueMatcher[] rest) implements Node {

        static FieldNode of(String field, List<ValueMatcher> matchers, boolean all) {
            FoldedTexts folded = FoldedTexts.of(matchers);
            ValueMatcher[] rest = matchers.stream().filter(m -> !FoldedTexts.takes(m)).toArray(ValueMatcher[]::new);
            return new FieldNode(field, matchers.toArray(ValueMatcher[]::new), all, folded, rest);
        }

        @Override
        public boolean test(EventFields event, List<String> fields) {
            Object value = event.get(field);
            if (value == null) {
                return false;
            }
            boolean holds = value instanceof List<?> list ? testEach(list) : testValue(value);
            if (holds) {
                fields.add(field);
            }
            return holds;
        }

        private boolean testValue(Object value) {
            if (folded != null) {
                String text = Values.text(value, CaseMode.INSENSITIVE);
                if ((text != null && folded.hold(text, all)) != all) {
                    return !all;
                }
            }
            for (ValueMatcher matcher : rest) {
                if (matcher.test(value) != all) {
                    return !all;
                }
            }
            return all;
        }

        private boolean testEach(List<?> list) {
            for (ValueMatcher matcher : matchers) {
                if (anyElement(matcher, list) != all) {
                    return !all;
                }
            }
            return all;
        }
    }

    /**
     * The folded needles of a field's case-insensitive text matchers, by kind; null from {@link #of} when there are
     * none. Each holds of a folded text exactly when its matcher holds of the text's value.
     */
    private record FoldedTexts(String[] equal, String[] prefixes, String[] suffixes, String[] contained) {

        static boolean takes(ValueMatcher matcher) {
            return switch (matcher) {
                case ValueMatcher.Equals m -> m.caseMode() == CaseMode.INSENSITIVE;
                case ValueMatcher.StartsWith m -> m.caseMode() == CaseMode.INSENSITIVE;
                case ValueMatcher.EndsWith m -> m.caseMode() == CaseMode.INSENSITIVE;
                case ValueMatcher.Contains m -> m.caseMode() == CaseMode.INSENSITIVE;
                default -> false;
            };
        }

        static FoldedTexts of(List<ValueMatcher> matchers) {
            List<String> equal = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            List<String> suffixes = new ArrayList<>();
            List<String> contained = new ArrayList<>();
            for (ValueMatcher matcher : matchers) {
                if (takes(matcher)) {
                    switch (matcher) {
                        case ValueMatcher.Equals m -> equal.add(m.needle());
                        case ValueMatcher.StartsWith m -> prefixes.add(m.needle());
                        case ValueMatcher.EndsWith m -> suffixes.add(m.needle());
                        case ValueMatcher.Contains m -> contained.add(m.needle());
                        default -> throw new IllegalStateException("not a text matcher: " + matcher);
                    }
                }
            }
            if (equal.isEmpty() && prefixes.isEmpty() && suffixes.isEmpty() && contained.isEmpty()) {
                return null;
            }
            return new FoldedTexts(equal.toArray(String[]::new), prefixes.toArray(String[]::new),
                    suffixes.toArray(String[]::new), contained.toArray(String[]::new));
        }

        /** Whether any (or, with {@code all}, every) needle holds of the folded {@code text}. */
        boolean hold(String text, boolean all) {
            for (String needle : equal) {
                if (text.equals(needle) != all) {
                    return !all;
                }
            }
            for (String needle : prefixes) {
                if (text.startsWith(needle) != all) {
                    return !all;
                }
            }
            for (String needle : suffixes) {
                if (text.endsWith(needle) != all) {
                    return !all;
                }
            }
            for (String needle : contained) {
                if (text.contains(needle) != all) {
                    return !all;
                }
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
    private static boolean anyElement(ValueMatcher matcher, List<?> list) {
        for (Object element : list) {
            if (element != null && !(element instanceof List<?>) && matcher.test(element)) {
                return true;
            }
        }
        return false;
    }

    private static String textOf(Object value, CaseMode caseMode) {
        return value == null ? null : Values.text(value, caseMode);
    }
}
