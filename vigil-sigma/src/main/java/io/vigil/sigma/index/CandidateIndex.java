package io.vigil.sigma.index;

import io.vigil.sigma.CaseFolding;
import io.vigil.sigma.CaseMode;
import io.vigil.sigma.Values;
import io.vigil.sigma.event.EventFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Maps each rule's necessary atoms to lookups: per field an exact map (folded text and number) and an Aho-Corasick
 * automaton over required substrings, one automaton over keyword literals, and the always-check rules. Rules are
 * numbered by their position in the rule set; {@link #candidates} marks every rule with an atom that holds.
 */
final class CandidateIndex {

    /** The characters of the folded texts {@link Values#text} gives numbers and booleans. */
    private static final String SCALAR_TEXT_CHARS = "0123456789-+.eaniftyrusl";

    private final int ruleCount;
    private final BitSet alwaysCheck;
    private final String[] fields;
    private final FieldIndex[] fieldIndexes;
    private final Map<String, FieldIndex> fieldIndexByName;
    private final LiteralSearch keywords;
    private final int[][] keywordRules;
    /**
     * Whether some keyword literal could occur in the text of a number or a boolean value; when none can (nearly
     * always: keyword literals are words and paths), such values are not searched, which spares turning each of the
     * dozen numbers of a Windows event into text.
     */
    private final boolean keywordsInScalarTexts;
    private final IndexStatistics statistics;

    /**
     * @param integers {@code numbers}' integral keys that fit a {@code long}, sorted, with their rules in
     *                 {@code integerRules}: an {@code Integer} or {@code Long} value (an {@code EventID}) is looked up
     *                 there without building a {@code BigDecimal}
     */
    private record FieldIndex(FoldedKeys exact, Map<BigDecimal, int[]> numbers, long[] integers,
            int[][] integerRules, LiteralSearch contains, int[][] containsRules) {
    }

    CandidateIndex(List<Necessary> necessary) {
        this.ruleCount = necessary.size();
        this.alwaysCheck = new BitSet(ruleCount);
        Map<String, FieldBuilder> byField = new LinkedHashMap<>();
        Literals keywordLiterals = new Literals();
        for (int rule = 0; rule < ruleCount; rule++) {
            switch (necessary.get(rule)) {
                case Necessary.Anything anything -> alwaysCheck.set(rule);
                case Necessary.OneOf oneOf -> {
                    for (Atom atom : oneOf.atoms()) {
                        switch (atom) {
                            case Atom.FieldEquals equals -> add(byField.computeIfAbsent(equals.field(),
                                    f -> new FieldBuilder()).exact, equals.text(), rule);
                            case Atom.FieldNumber number -> add(byField.computeIfAbsent(number.field(),
                                    f -> new FieldBuilder()).numbers, number.number(), rule);
                            case Atom.FieldContains contains -> byField.computeIfAbsent(contains.field(),
                                    f -> new FieldBuilder()).contains.add(contains.literal(), rule);
                            case Atom.KeywordContains keyword -> keywordLiterals.add(keyword.literal(), rule);
                        }
                    }
                }
            }
        }
        this.fields = byField.keySet().toArray(String[]::new);
        this.fieldIndexes = byField.values().stream().map(FieldBuilder::build).toArray(FieldIndex[]::new);
        this.fieldIndexByName = new HashMap<>();
        for (int f = 0; f < fields.length; f++) {
            fieldIndexByName.put(fields[f], fieldIndexes[f]);
        }
        this.keywords = keywordLiterals.patterns.isEmpty() ? null : LiteralSearch.of(keywordLiterals.patterns);
        this.keywordRules = keywordLiterals.rules();
        this.keywordsInScalarTexts = keywordLiterals.patterns.stream().anyMatch(CandidateIndex::mayOccurInScalarText);
        this.statistics = new IndexStatistics(ruleCount, ruleCount - alwaysCheck.cardinality(),
                alwaysCheck.cardinality(), fields.length,
                byField.values().stream().mapToInt(b -> b.exact.size() + b.numbers.size()).sum(),
                byField.values().stream().mapToInt(b -> b.contains.patterns.size()).sum(),
                keywordLiterals.patterns.size());
    }

    IndexStatistics statistics() {
        return statistics;
    }

    /** The rules that can match {@code event}: those with an atom that holds, and the always-check rules. */
    BitSet candidates(EventFields event) {
        BitSet candidates = (BitSet) alwaysCheck.clone();
        // An event lists a few dozen fields; rules name hundreds. Visit the event's fields when it can list them.
        boolean listed = fields.length > 0 && event.forEachField((name, value) -> {
            FieldIndex index = fieldIndexByName.get(name);
            if (index != null) {
                visitValue(index, value, candidates);
            }
        });
        if (!listed) {
            for (int f = 0; f < fields.length; f++) {
                visitValue(fieldIndexes[f], event.get(fields[f]), candidates);
            }
        }
        if (keywords != null) {
            IntConsumer onKeyword = pattern -> mark(keywordRules[pattern], candidates);
            boolean scalars = keywordsInScalarTexts;
            event.forEachKeywordValue(value -> {
                if (!scalars && (value instanceof Number || value instanceof Boolean)) {
                    return;
                }
                String text = value == null ? null : Values.text(value, CaseMode.SENSITIVE);
                if (text != null) {
                    keywords.searchFolding(text, onKeyword);
                }
            });
        }
        return candidates;
    }

    /**
     * Whether {@code literal}, folded, uses only characters of the folded texts {@link Values#text} gives numbers
     * and booleans: digits, sign, point, exponent, {@code NaN}, {@code Infinity}, {@code true}, {@code false}.
     */
    static boolean mayOccurInScalarText(String literal) {
        return CaseFolding.fold(literal).chars().allMatch(c -> SCALAR_TEXT_CHARS.indexOf(c) >= 0);
    }

    private static void visitValue(FieldIndex index, Object value, BitSet candidates) {
        if (value instanceof List<?> list) {
            // As the matchers do: a multi-valued field is tested element by element, nested lists never match.
            for (Object element : list) {
                if (element != null && !(element instanceof List<?>)) {
                    visit(index, element, candidates);
                }
            }
        } else if (value != null) {
            visit(index, value, candidates);
        }
    }

    private static void visit(FieldIndex index, Object value, BitSet candidates) {
        String text = Values.text(value, CaseMode.SENSITIVE);
        if (text != null) {
            mark(index.exact.get(text), candidates);
            if (index.contains != null) {
                index.contains.searchFolding(text, pattern -> mark(index.containsRules[pattern], candidates));
            }
        }
        if (!index.numbers.isEmpty()) {
            if (value instanceof Integer || value instanceof Long) {
                int at = Arrays.binarySearch(index.integers, ((Number) value).longValue());
                if (at >= 0) {
                    mark(index.integerRules[at], candidates);
                }
                return;
            }
            BigDecimal number = Values.number(value);
            if (number != null) {
                mark(index.numbers.get(number.stripTrailingZeros()), candidates);
            }
        }
    }

    private static void mark(int[] rules, BitSet candidates) {
        if (rules != null) {
            for (int rule : rules) {
                candidates.set(rule);
            }
        }
    }

    private static <K> void add(Map<K, List<Integer>> map, K key, int rule) {
        List<Integer> rules = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (rules.isEmpty() || rules.getLast() != rule) {
            rules.add(rule);
        }
    }

    private static int[] toArray(List<Integer> rules) {
        return rules.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final class FieldBuilder {
        final Map<String, List<Integer>> exact = new HashMap<>();
        final Map<BigDecimal, List<Integer>> numbers = new HashMap<>();
        final Literals contains = new Literals();

        FieldIndex build() {
            Map<String, int[]> exactRules = new HashMap<>();
            exact.forEach((k, v) -> exactRules.put(k, toArray(v)));
            Map<BigDecimal, int[]> numberRules = new HashMap<>();
            numbers.forEach((k, v) -> numberRules.put(k, toArray(v)));
            TreeMap<Long, int[]> integral = new TreeMap<>();
            numberRules.forEach((number, rules) -> {
                if (number.signum() == 0 || number.scale() <= 0) { // stripped: integral exactly then
                    try {
                        integral.put(number.longValueExact(), rules);
                    } catch (ArithmeticException beyondLong) {
                        // no Integer or Long equals it
                    }
                }
            });
            return new FieldIndex(new FoldedKeys(exactRules), numberRules,
                    integral.keySet().stream().mapToLong(Long::longValue).toArray(),
                    integral.values().toArray(int[][]::new),
                    contains.patterns.isEmpty() ? null : LiteralSearch.of(contains.patterns), contains.rules());
        }
    }

    /** Distinct literals in first-seen order, each with the rules that need it. */
    private static final class Literals {
        final List<String> patterns = new ArrayList<>();
        final Map<String, List<Integer>> rulesByLiteral = new HashMap<>();

        void add(String literal, int rule) {
            if (!rulesByLiteral.containsKey(literal)) {
                patterns.add(literal);
            }
            CandidateIndex.add(rulesByLiteral, literal, rule);
        }

        int[][] rules() {
            return patterns.stream().map(p -> toArray(rulesByLiteral.get(p))).toArray(int[][]::new);
        }
    }
}
