package io.vigil.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Compiles one {@code field|modifier|...: value(s)} entry of a search identifier to a {@link Predicate}, applying
 * the modifiers in the order written. Every problem is reported; null is returned when there was any.
 */
final class FieldCompiler {

    private static final Set<Modifier> STRING_FAMILY = EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH,
            Modifier.ENDSWITH, Modifier.ALL, Modifier.CASED, Modifier.NEQ, Modifier.WINDASH, Modifier.BASE64,
            Modifier.BASE64OFFSET, Modifier.UTF16LE, Modifier.UTF16BE, Modifier.UTF16, Modifier.WIDE, Modifier.EXPAND);

    private final SigmaOptions options;
    private final Problems problems;

    FieldCompiler(SigmaOptions options, Problems problems) {
        this.options = options;
        this.problems = problems;
    }

    /** A value of the rule, before it becomes a matcher. */
    private sealed interface Value {
        record Text(String raw) implements Value {
        }

        record Bytes(byte[] bytes) implements Value {
        }

        record Number(BigDecimal value, String raw) implements Value {
        }

        record Bool(boolean value) implements Value {
        }

        record Null() implements Value {
        }
    }

    Predicate compile(String key, Node valueNode, String location) {
        int before = problems.count();
        String[] parts = key.split("\\|", -1);
        String field = parts[0];
        List<Modifier> modifiers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i];
            Modifier.named(name).ifPresentOrElse(modifiers::add,
                    () -> problems.add(location, valueNode, "unknown modifier '" + name + "'"));
        }
        List<Value> values = readValues(valueNode, location);
        if (problems.count() > before) {
            return null;
        }
        checkCombination(field, modifiers, values, valueNode, location);
        if (problems.count() > before) {
            return null;
        }
        Predicate predicate = build(field, modifiers, values, valueNode, location);
        return problems.count() > before ? null : predicate;
    }

    /** Keyword list entries: plain values searched in the whole event. */
    Predicate keywords(List<Node> valueNodes, String location) {
        int before = problems.count();
        List<ValueMatcher> matchers = new ArrayList<>();
        for (int i = 0; i < valueNodes.size(); i++) {
            Node node = valueNodes.get(i);
            Value value = scalar(node, location + "[" + i + "]");
            if (value instanceof Value.Null) {
                problems.add(location + "[" + i + "]", node, "null cannot be a keyword");
            } else if (value != null) {
                matchers.add(textMatcher(asText(value), Modifier.CONTAINS, CaseMode.INSENSITIVE));
            }
        }
        return problems.count() > before ? null : new Predicate.Keywords(Predicate.Quantifier.ANY, matchers);
    }

    private List<Value> readValues(Node node, String location) {
        List<Value> values = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            if (items.isEmpty()) {
                problems.add(location, node, "an empty list matches nothing; give at least one value");
            }
            if (items.size() > options.limits().maxValuesPerField()) {
                problems.add(location, node, "lists " + items.size() + " values, more than the limit of "
                        + options.limits().maxValuesPerField());
                return values;
            }
            for (int i = 0; i < items.size(); i++) {
                Value value = scalar(items.get(i), location + "[" + i + "]");
                if (value != null) {
                    values.add(value);
                }
            }
            if (values.size() > 1 && values.stream().anyMatch(v -> v instanceof Value.Null)) {
                problems.add(location, node, "null cannot be part of a list of values; use its own selection");
            }
        } else {
            Value value = scalar(node, location);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private Value scalar(Node node, String location) {
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(location, node, "expected a value or a list of values");
            return null;
        }
        String raw = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return new Value.Null();
        }
        if (Tag.BOOL.equals(tag)) {
            return new Value.Bool(Boolean.parseBoolean(raw) || raw.equalsIgnoreCase("yes") || raw.equalsIgnoreCase("on"));
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            BigDecimal number = yamlNumber(raw);
            return number == null ? new Value.Text(raw) : new Value.Number(number, raw);
        }
        return new Value.Text(raw);
    }

    private static BigDecimal yamlNumber(String raw) {
        String text = raw.replace("_", "");
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return new BigDecimal(new BigInteger(text.substring(2), 16));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return Values.parseDecimal(text);
    }

    private void checkCombination(String field, List<Modifier> modifiers, List<Value> values, Node node, String at) {
        boolean hasNull = values.stream().anyMatch(v -> v instanceof Value.Null);
        if (hasNull && !modifiers.isEmpty()) {
            problems.add(at, node, "null takes no modifiers");
        }
        if (hasNull && field.isEmpty()) {
            problems.add(at, node, "null needs a field name");
        }
        if (modifiers.contains(Modifier.ALL) && values.size() < 2) {
            problems.add(at, node, "'all' needs a list of at least two values (spec: single values may not use it)");
        }
        if (modifiers.stream().distinct().count() != modifiers.size()) {
            problems.add(at, node, "a modifier is repeated");
        }
        if (modifiers.stream().filter(Modifier::isAnchor).count() > 1) {
            problems.add(at, node, "use only one of contains, startswith, endswith");
        }
        if (modifiers.contains(Modifier.EXISTS)) {
            if (modifiers.size() != 1 || values.size() != 1 || !(values.getFirst() instanceof Value.Bool)) {
                problems.add(at, node, "'exists' stands alone and takes true or false");
            }
            return;
        }
        if (modifiers.contains(Modifier.FIELDREF)) {
            for (Modifier modifier : modifiers) {
                if (modifier != Modifier.FIELDREF && modifier != Modifier.CASED && modifier != Modifier.NEQ) {
                    problems.add(at, node, "'fieldref' combines only with cased and neq, not " + modifier.display());
                }
            }
            if (values.stream().anyMatch(v -> !(v instanceof Value.Text))) {
                problems.add(at, node, "'fieldref' takes field names");
            }
            return;
        }
        int re = modifiers.indexOf(Modifier.RE);
        for (int i = 0; i < modifiers.size(); i++) {
            Modifier modifier = modifiers.get(i);
            if (modifier.isRegexFlag() && (re < 0 || i < re)) {
                problems.add(at, node, "'" + modifier.display() + "' is a flag of 're' and must follow it");
            }
            if (re >= 0 && !modifier.isRegexFlag() && modifier != Modifier.RE && modifier != Modifier.ALL
                    && modifier != Modifier.NEQ && modifier != Modifier.CASED) {
                problems.add(at, node, "'re' cannot be combined with '" + modifier.display() + "'");
            }
            if (modifier.isUtf16() && (i + 1 >= modifiers.size() || !modifiers.get(i + 1).isBase64())) {
                problems.add(at, node, "'" + modifier.display() + "' must be followed by base64 or base64offset");
            }
            if (modifier.isAnchor() && modifiers.subList(i, modifiers.size()).stream().anyMatch(Modifier::isBase64)) {
                problems.add(at, node, "'" + modifier.display() + "' must come after the base64 modifiers");
            }
        }
        if (modifiers.contains(Modifier.CIDR) && modifiers.stream().anyMatch(m -> m != Modifier.CIDR
                && m != Modifier.NEQ)) {
            problems.add(at, node, "'cidr' combines only with neq");
        }
        long timeParts = modifiers.stream().filter(Modifier::isTimePart).count();
        long comparisons = modifiers.stream().filter(Modifier::isComparison).count();
        if (timeParts > 1 || comparisons > 1) {
            problems.add(at, node, "use at most one date part and one of lt, lte, gt, gte");
        }
        if (timeParts + comparisons > 0) {
            for (Modifier modifier : modifiers) {
                if (!modifier.isTimePart() && !modifier.isComparison() && modifier != Modifier.NEQ) {
                    problems.add(at, node, "numeric modifiers cannot be combined with '" + modifier.display() + "'");
                }
            }
            for (Value value : values) {
                if (numberOf(value) == null) {
                    problems.add(at, node, "numeric modifiers need numbers, not '" + describe(value) + "'");
                }
            }
        }
        if (field.isEmpty() && modifiers.contains(Modifier.NEQ)) {
            problems.add(at, node, "'neq' needs a field name");
        }
    }

    private Predicate build(String field, List<Modifier> modifiers, List<Value> values, Node node, String at) {
        if (values.getFirst() instanceof Value.Null) {
            return new Predicate.FieldIsNull(field);
        }
        if (modifiers.contains(Modifier.EXISTS)) {
            return new Predicate.FieldExists(field, ((Value.Bool) values.getFirst()).value());
        }
        CaseMode caseMode = modifiers.contains(Modifier.CASED) ? CaseMode.SENSITIVE : CaseMode.INSENSITIVE;
        boolean negated = modifiers.contains(Modifier.NEQ);
        if (modifiers.contains(Modifier.FIELDREF)) {
            Predicate.Polarity polarity = negated ? Predicate.Polarity.DIFFERENT : Predicate.Polarity.EQUAL;
            List<Predicate> refs = new ArrayList<>();
            for (Value value : values) {
                refs.add(new Predicate.FieldRef(field, ((Value.Text) value).raw(), caseMode, polarity));
            }
            return refs.size() == 1 ? refs.getFirst() : new Predicate.AnyOf(refs);
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        if (modifiers.contains(Modifier.RE)) {
            // Sigma regexes are case-sensitive unless the i flag is given, whatever 'cased' says.
            int flags = modifiers.contains(Modifier.RE_I) ? Pattern.CASE_INSENSITIVE : 0;
            flags |= modifiers.contains(Modifier.RE_M) ? Pattern.MULTILINE : 0;
            flags |= modifiers.contains(Modifier.RE_S) ? Pattern.DOTALL : 0;
            for (Value value : values) {
                String regex = asText(value);
                if (regex.length() > options.limits().maxRegexChars()) {
                    problems.add(at, node, "regular expression longer than " + options.limits().maxRegexChars());
                    continue;
                }
                try {
                    matchers.add(ValueMatcher.Regex.of(Pattern.compile(regex, flags)));
                } catch (PatternSyntaxException e) {
                    problems.add(at, node, "invalid or unsupported regular expression (RE2 syntax, no look-around"
                            + " or back-references): " + e.getMessage());
                }
            }
        } else if (modifiers.contains(Modifier.CIDR)) {
            for (Value value : values) {
                ValueMatcher cidr = cidr(asText(value));
                if (cidr == null) {
                    problems.add(at, node, "'" + asText(value) + "' is not an IPv4 or IPv6 CIDR range");
                } else {
                    matchers.add(cidr);
                }
            }
        } else if (modifiers.stream().anyMatch(m -> m.isTimePart() || m.isComparison())) {
            ValueMatcher.Comparison comparison = modifiers.stream().filter(Modifier::isComparison).findFirst()
                    .map(m -> ValueMatcher.Comparison.valueOf(m.name())).orElse(ValueMatcher.Comparison.EQ);
            Modifier part = modifiers.stream().filter(Modifier::isTimePart).findFirst().orElse(null);
            for (Value value : values) {
                ValueMatcher compare = new ValueMatcher.Compare(comparison, numberOf(value));
                matchers.add(part == null ? compare
                        : new ValueMatcher.DatePart(ValueMatcher.TimePart.valueOf(part.name()), compare));
            }
        } else {
            Modifier anchor = modifiers.stream().filter(Modifier::isAnchor).findFirst().orElse(null);
            boolean transformed = modifiers.stream().anyMatch(m -> STRING_FAMILY.contains(m)
                    && m != Modifier.ALL && m != Modifier.NEQ);
            List<Value> expanded = transform(values, modifiers, node, at);
            if (expanded == null) {
                return null;
            }
            if (field.isEmpty() && anchor == null) {
                anchor = Modifier.CONTAINS; // keywords search inside values, like a full-text search
            }
            for (Value value : expanded) {
                if (value instanceof Value.Number number && !transformed) {
                    matchers.add(new ValueMatcher.NumberEquals(number.value(), CaseFolding.fold(number.raw())));
                } else {
                    matchers.add(textMatcher(asText(value), anchor, caseMode));
                }
            }
        }
        if (negated) {
            // "different from the specified values": different from each of them.
            matchers.replaceAll(ValueMatcher.Not::new);
        }
        Predicate.Quantifier quantifier = negated || modifiers.contains(Modifier.ALL)
                ? Predicate.Quantifier.ALL : Predicate.Quantifier.ANY;
        return field.isEmpty() ? new Predicate.Keywords(quantifier, matchers)
                : new Predicate.FieldTest(field, quantifier, matchers);
    }

    private List<Value> transform(List<Value> values, List<Modifier> modifiers, Node node, String at) {
        List<Value> current = values;
        int limit = options.limits().maxExpandedValues();
        for (Modifier modifier : modifiers) {
            List<Value> next = new ArrayList<>();
            for (Value value : current) {
                switch (modifier) {
                    case EXPAND -> {
                        List<String> expanded = Placeholders.expand(asText(value), options.placeholders(), limit);
                        if (expanded == null) {
                            List<String> missing = Placeholders.unresolved(asText(value), options.placeholders());
                            problems.add(at, node, missing.isEmpty()
                                    ? "placeholder expansion exceeds " + limit + " values"
                                    : "unresolved placeholder " + String.join(", ", missing)
                                    + " (no value configured; the rule cannot be matched without it)");
                            return null;
                        }
                        expanded.forEach(raw -> next.add(new Value.Text(raw)));
                    }
                    case WINDASH -> {
                        List<String> variants = Encodings.windash(asText(value), limit);
                        if (variants == null) {
                            problems.add(at, node, "windash permutations exceed " + limit + " values");
                            return null;
                        }
                        variants.forEach(raw -> next.add(new Value.Text(raw)));
                    }
                    case UTF16LE, WIDE, UTF16BE, UTF16 -> {
                        String plain = plain(value, modifier, node, at);
                        if (plain == null) {
                            return null;
                        }
                        next.add(new Value.Bytes(Encodings.utf16(plain, modifier)));
                    }
                    case BASE64, BASE64OFFSET -> {
                        byte[] bytes = value instanceof Value.Bytes b ? b.bytes() : utf8(plain(value, modifier, node, at));
                        if (bytes == null) {
                            return null;
                        }
                        String encoded = Base64.getEncoder().encodeToString(bytes);
                        if (modifier == Modifier.BASE64) {
                            next.add(new Value.Text(encoded));
                        } else {
                            Encodings.base64Offsets(bytes).forEach(variant -> next.add(new Value.Text(variant)));
                        }
                    }
                    default -> next.add(value);
                }
                if (next.size() > limit) {
                    problems.add(at, node, "'" + modifier.display() + "' expands to more than " + limit + " values");
                    return null;
                }
            }
            current = next;
        }
        for (Value value : current) {
            if (value instanceof Value.Bytes) {
                problems.add(at, node, "utf16 encodings must be followed by base64 or base64offset");
                return null;
            }
        }
        return current;
    }

    private String plain(Value value, Modifier modifier, Node node, String at) {
        SigmaString parsed = SigmaString.parse(asText(value));
        if (parsed.hasWildcards()) {
            problems.add(at, node, "'" + modifier.display() + "' cannot encode wildcards; escape * and ? as \\* and \\?");
            return null;
        }
        return parsed.text();
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static ValueMatcher textMatcher(String raw, Modifier anchor, CaseMode caseMode) {
        SigmaString value = SigmaString.parse(raw);
        if (anchor == Modifier.CONTAINS || anchor == Modifier.ENDSWITH) {
            value = value.withLeadingStar();
        }
        if (anchor == Modifier.CONTAINS || anchor == Modifier.STARTSWITH) {
            value = value.withTrailingStar();
        }
        int length = value.length();
        int leading = length > 0 && value.isStar(0) ? 1 : 0;
        int trailing = length > leading && value.isStar(length - 1) ? 1 : 0;
        boolean inner = false;
        for (int i = leading; i < length - trailing; i++) {
            inner |= value.isWildcard(i);
        }
        if (inner) {
            return new ValueMatcher.Wildcard(Glob.compile(value, caseMode), caseMode);
        }
        String core = value.strip(leading, trailing);
        String needle = caseMode == CaseMode.INSENSITIVE ? CaseFolding.fold(core) : core;
        if (leading == 1 && trailing == 1) {
            return new ValueMatcher.Contains(needle, caseMode);
        }
        if (leading == 1) {
            return new ValueMatcher.EndsWith(needle, caseMode);
        }
        if (trailing == 1) {
            return new ValueMatcher.StartsWith(needle, caseMode);
        }
        return new ValueMatcher.Equals(needle, caseMode);
    }

    private static ValueMatcher cidr(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] network = IpLiterals.parse(address.trim());
        if (network == null) {
            return null;
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            String bits = text.substring(slash + 1).trim();
            if (!bits.matches("\\d{1,3}")) {
                return null;
            }
            prefix = Integer.parseInt(bits);
            if (prefix > network.length * 8) {
                return null;
            }
        }
        return new ValueMatcher.Cidr(network, prefix);
    }

    private static BigDecimal numberOf(Value value) {
        return switch (value) {
            case Value.Number number -> number.value();
            case Value.Text text -> Values.parseDecimal(text.raw().trim());
            default -> null;
        };
    }

    private static String asText(Value value) {
        return switch (value) {
            case Value.Text text -> text.raw();
            case Value.Number number -> number.raw();
            case Value.Bool bool -> Boolean.toString(bool.value());
            case Value.Bytes bytes -> new String(bytes.bytes(), StandardCharsets.ISO_8859_1);
            case Value.Null none -> "";
        };
    }

    private static String describe(Value value) {
        return value instanceof Value.Null ? "null" : asText(value);
    }
}
