package io.vigil.sigma.correlation;

import io.vigil.sigma.Problem;
import io.vigil.sigma.SigmaYaml;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one correlation rule from YAML nodes (line numbers kept, nothing instantiated), collecting every problem. */
final class CorrelationParser {

    static final int MAX_RULE_CHARS = 512 * 1024;
    private static final Pattern TIMESPAN = Pattern.compile("([1-9][0-9]{0,8})([smhd])");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Map<String, Threshold.Operator> OPERATORS = Map.of("gt", Threshold.Operator.GT,
            "gte", Threshold.Operator.GTE, "lt", Threshold.Operator.LT, "lte", Threshold.Operator.LTE,
            "eq", Threshold.Operator.EQ, "neq", Threshold.Operator.NEQ);

    private final String origin;
    private final RuleReferences known;
    private final List<Problem> problems = new ArrayList<>();

    /** {@code known} null: references are kept verbatim. */
    CorrelationParser(String origin, RuleReferences known) {
        this.origin = origin;
        this.known = known;
    }

    CorrelationLoad parse(String yaml) {
        if (yaml.length() > MAX_RULE_CHARS) {
            add("$", null, "rule has " + yaml.length() + " characters, more than the limit of " + MAX_RULE_CHARS);
            return rejected();
        }
        MappingNode root = document(yaml);
        if (root == null) {
            return rejected();
        }
        Map<String, NodeTuple> top = entries(root, "");
        String title = text(top, "title", "title", true);
        String id = text(top, "id", "id", false);
        String name = text(top, "name", "name", false);
        String level = text(top, "level", "level", false);
        if (level != null && !LEVELS.contains(level)) {
            add("level", top.get("level").getValueNode(), "level must be one of " + LEVELS + ", not '" + level + "'");
        }
        String author = text(top, "author", "author", false);
        List<String> tags = texts(top, "tags", "tags", false);
        boolean generate = bool(top, "generate");
        NodeTuple section = top.get("correlation");
        CorrelationRule rule = null;
        if (section == null) {
            add("correlation", null, "'correlation' is required");
        } else if (!(section.getValueNode() instanceof MappingNode mapping)) {
            add("correlation", section.getValueNode(), "'correlation' must be a mapping");
        } else {
            rule = correlation(entries(mapping, "correlation"), id, name, title, level, author, tags, generate);
        }
        return problems.isEmpty() && rule != null ? new CorrelationLoad.Loaded(rule) : rejected();
    }

    private CorrelationRule correlation(Map<String, NodeTuple> c, String id, String name, String title, String level,
            String author, List<String> tags, boolean generate) {
        for (String key : c.keySet()) {
            if (!Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate").contains(key)) {
                add("correlation." + key, c.get(key).getKeyNode(), "unknown key '" + key + "'");
            }
        }
        if (c.containsKey("generate")) {
            generate = bool(c, "generate");
        }
        String typeName = text(c, "type", "correlation.type", true);
        CorrelationType type = null;
        if (typeName != null) {
            type = CorrelationType.fromYaml(typeName).orElse(null);
            if (type == null) {
                add("correlation.type", c.get("type").getValueNode(), "unknown correlation type '" + typeName + "'");
            }
        }
        List<String> references = texts(c, "rules", "correlation.rules", true);
        if (c.containsKey("rules") && references.isEmpty()) {
            add("correlation.rules", c.get("rules").getValueNode(), "at least one rule must be referenced");
        }
        Map<String, String> keys = resolve(references, c.get("rules"));
        List<String> groupBy = texts(c, "group-by", "correlation.group-by", false);
        Duration timespan = timespan(c);
        Map<String, Map<String, String>> aliases = aliases(c, keys);
        List<String> fields = new ArrayList<>();
        Threshold threshold = condition(c, type, references.size(), fields);
        if (!problems.isEmpty() || type == null || timespan == null || threshold == null || title == null) {
            return null;
        }
        return new CorrelationRule(id, name, title, level, author, tags, type, List.copyOf(keys.values()), groupBy,
                timespan, threshold, fields, aliases, generate, origin);
    }

    /** Reference as written &rarr; key, in order. */
    private Map<String, String> resolve(List<String> references, NodeTuple tuple) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < references.size(); i++) {
            String reference = references.get(i);
            Node node = ((SequenceNode) tuple.getValueNode()).getValue().get(i);
            String key = known == null ? reference : known.resolve(reference).orElse(null);
            if (key == null) {
                add("correlation.rules[" + i + "]", node, "unknown rule '" + reference + "'");
            } else if (keys.containsValue(key)) {
                add("correlation.rules[" + i + "]", node, "rule '" + reference + "' is referenced twice");
            } else {
                keys.put(reference, key);
            }
        }
        return keys;
    }

    private Duration timespan(Map<String, NodeTuple> c) {
        String text = text(c, "timespan", "correlation.timespan", true);
        if (text == null) {
            return null;
        }
        Matcher m = TIMESPAN.matcher(text);
        if (!m.matches()) {
            add("correlation.timespan", c.get("timespan").getValueNode(),
                    "timespan must be a positive number and one of s, m, h, d (e.g. 90m), not '" + text + "'");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private Map<String, Map<String, String>> aliases(Map<String, NodeTuple> c, Map<String, String> keys) {
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        NodeTuple tuple = c.get("aliases");
        if (tuple == null) {
            return aliases;
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            add("correlation.aliases", tuple.getValueNode(), "aliases must map alias -> rule name -> field");
            return aliases;
        }
        entries(mapping, "correlation.aliases").forEach((alias, aliasTuple) -> {
            String path = "correlation.aliases." + alias;
            if (!(aliasTuple.getValueNode() instanceof MappingNode byRule)) {
                add(path, aliasTuple.getValueNode(), "an alias maps rule names to field names");
                return;
            }
            Map<String, String> fieldByKey = new LinkedHashMap<>();
            entries(byRule, path).forEach((ruleName, fieldTuple) -> {
                String key = keys.get(ruleName);
                if (key == null) {
                    add(path + "." + ruleName, fieldTuple.getKeyNode(),
                            "'" + ruleName + "' is not one of this correlation's rules");
                } else if (fieldTuple.getValueNode() instanceof ScalarNode field && !field.getValue().isBlank()) {
                    fieldByKey.put(key, field.getValue());
                } else {
                    add(path + "." + ruleName, fieldTuple.getValueNode(), "the field name must be a plain value");
                }
            });
            aliases.put(alias, fieldByKey);
        });
        return aliases;
    }

    private Threshold condition(Map<String, NodeTuple> c, CorrelationType type, int ruleCount, List<String> fields) {
        NodeTuple tuple = c.get("condition");
        if (tuple == null) {
            if (type != null && type.isTemporal()) {
                return Threshold.atLeast(ruleCount);
            }
            if (type != null) {
                add("correlation.condition", null, "'condition' is required for " + type.yamlName());
            }
            return null;
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            add("correlation.condition", tuple.getValueNode(), "condition must be a mapping such as {gte: 100}");
            return null;
        }
        List<Threshold.Bound> bounds = new ArrayList<>();
        entries(mapping, "correlation.condition").forEach((key, entry) -> {
            String path = "correlation.condition." + key;
            Node value = entry.getValueNode();
            if (key.equals("field")) {
                if (value instanceof ScalarNode s && !s.getValue().isBlank()) {
                    fields.add(s.getValue());
                } else if (value instanceof SequenceNode seq && !seq.getValue().isEmpty()
                        && seq.getValue().stream().allMatch(n -> n instanceof ScalarNode s && !s.getValue().isBlank())) {
                    seq.getValue().forEach(n -> fields.add(((ScalarNode) n).getValue()));
                } else {
                    add(path, value, "field must be a field name or a list of field names");
                }
                return;
            }
            Threshold.Operator operator = OPERATORS.get(key);
            if (operator == null) {
                add(path, entry.getKeyNode(), "unknown condition '" + key + "'; use gt, gte, lt, lte, eq, neq, field");
                return;
            }
            BigDecimal number = value instanceof ScalarNode s ? number(s.getValue()) : null;
            if (number == null) {
                add(path, value, "'" + key + "' needs a number");
            } else {
                bounds.add(new Threshold.Bound(operator, number.doubleValue()));
            }
        });
        if (bounds.isEmpty() && problems.isEmpty()) {
            add("correlation.condition", mapping, "condition needs at least one of gt, gte, lt, lte, eq, neq");
        }
        if (type != null && type.needsField() && fields.isEmpty()) {
            add("correlation.condition.field", mapping, type.yamlName() + " needs 'field' in its condition");
        }
        if (type != null && !type.needsField() && !fields.isEmpty()) {
            add("correlation.condition.field", mapping, type.yamlName() + " takes no 'field'");
        }
        if (type != null && type != CorrelationType.VALUE_COUNT && fields.size() > 1) {
            add("correlation.condition.field", mapping, type.yamlName() + " aggregates exactly one field");
        }
        return bounds.isEmpty() ? null : new Threshold(bounds);
    }

    private static BigDecimal number(String text) {
        try {
            BigDecimal value = new BigDecimal(text.strip());
            return value.abs().compareTo(BigDecimal.valueOf(1e15)) > 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean bool(Map<String, NodeTuple> entries, String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return false;
        }
        if (tuple.getValueNode() instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return s.getValue().equals("true");
        }
        add(key, tuple.getValueNode(), "'" + key + "' must be true or false");
        return false;
    }

    private String text(Map<String, NodeTuple> entries, String key, String path, boolean required) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            if (required) {
                add(path, null, "'" + key + "' is required");
            }
            return null;
        }
        if (tuple.getValueNode() instanceof ScalarNode s && !s.getValue().isBlank()) {
            return s.getValue();
        }
        add(path, tuple.getValueNode(), "'" + key + "' must be a non-empty plain value");
        return null;
    }

    private List<String> texts(Map<String, NodeTuple> entries, String key, String path, boolean required) {
        NodeTuple tuple = entries.get(key);
        List<String> values = new ArrayList<>();
        if (tuple == null) {
            if (required) {
                add(path, null, "'" + key + "' is required");
            }
            return values;
        }
        if (!(tuple.getValueNode() instanceof SequenceNode seq)) {
            add(path, tuple.getValueNode(), "'" + key + "' must be a list");
            return values;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node node = seq.getValue().get(i);
            if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
                values.add(s.getValue());
            } else {
                add(path + "[" + i + "]", node, "must be a non-empty plain value");
            }
        }
        return values;
    }

    private MappingNode document(String yaml) {
        SigmaYaml.Document document = SigmaYaml.single(yaml, MAX_RULE_CHARS, new SigmaYaml.Messages("the rule is empty",
                "load each rule of a collection on its own, base rules first",
                "a correlation rule is a mapping with title and correlation"));
        problems.addAll(document.problems());
        return document.root();
    }

    private Map<String, NodeTuple> entries(MappingNode mapping, String path) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                add(path.isEmpty() ? "$" : path, tuple.getKeyNode(), "keys must be plain values");
            } else if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                add(path.isEmpty() ? key.getValue() : path + "." + key.getValue(), key,
                        "duplicate key '" + key.getValue() + "'");
            }
        }
        return entries;
    }

    private void add(String location, Node node, String message) {
        OptionalInt line = node == null || node.getStartMark() == null
                ? OptionalInt.empty() : OptionalInt.of(node.getStartMark().getLine() + 1);
        problems.add(new Problem(location, line, message));
    }

    private CorrelationLoad rejected() {
        return new CorrelationLoad.Rejected(origin, problems);
    }
}
