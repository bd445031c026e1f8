package io.vigil.sigma;

import io.vigil.sigma.condition.Condition;
import io.vigil.sigma.condition.ConditionParser;
import io.vigil.sigma.condition.ConditionSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one rule from YAML nodes (not Java objects: nodes keep line numbers and the scalar's original text, and
 * nothing is ever instantiated from the document) and compiles it, collecting every problem.
 */
final class RuleParser {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");

    private final String origin;
    private final SigmaOptions options;
    private final Problems problems = new Problems();

    RuleParser(String origin, SigmaOptions options) {
        this.origin = origin;
        this.options = options;
    }

    RuleLoad parse(String yaml) {
        if (yaml.length() > options.limits().maxRuleChars()) {
            problems.add("$", "rule has " + yaml.length() + " characters, more than the limit of "
                    + options.limits().maxRuleChars());
            return rejected();
        }
        MappingNode root = document(yaml);
        if (root == null) {
            return rejected();
        }
        Map<String, NodeTuple> top = entries(root, "");
        String title = requiredText(top, "title");
        String id = text(top, "id");
        if (id != null && !UUID.matcher(id).matches()) {
            problems.add("id", top.get("id").getValueNode(), "id must be a UUID, not '" + id + "'");
        }
        String status = oneOf(top, "status", STATUSES);
        String level = oneOf(top, "level", LEVELS);
        LogSource logsource = logsource(top);
        CompiledRule detection = detection(top);
        SigmaRule rule = problems.isEmpty() ? new SigmaRule(id, title, status, level, text(top, "description"),
                text(top, "author"), text(top, "date"), text(top, "modified"), texts(top, "references"),
                texts(top, "tags"), logsource, texts(top, "falsepositives"), texts(top, "fields"), origin, detection)
                : null;
        return rule == null ? rejected() : new RuleLoad.Loaded(rule);
    }

    List<Problem> problems() {
        return problems.list();
    }

    private RuleLoad rejected() {
        return new RuleLoad.Rejected(origin, problems.list());
    }

    private MappingNode document(String yaml) {
        SigmaYaml.Document document = SigmaYaml.single(yaml, options.limits().maxRuleChars(), new SigmaYaml.Messages(
                "the rule is empty",
                "rule collections (multi-document files) are not supported, split them into one rule per file",
                "a rule is a mapping of keys such as title, logsource, detection"));
        document.problems().forEach(problems::add);
        return document.root();
    }

    /** Keys in order; duplicates are problems, since YAML loaders silently keep one or the other. */
    private Map<String, NodeTuple> entries(MappingNode mapping, String path) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                problems.add(path.isEmpty() ? "$" : path, keyNode, "keys must be plain values");
                continue;
            }
            if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                problems.add(join(path, key.getValue()), keyNode, "duplicate key '" + key.getValue() + "'");
            }
        }
        return entries;
    }

    private String requiredText(Map<String, NodeTuple> top, String key) {
        if (!top.containsKey(key)) {
            problems.add(key, "'" + key + "' is required");
            return null;
        }
        String value = text(top, key);
        if (value == null || value.isBlank()) {
            problems.add(key, top.get(key).getValueNode(), "'" + key + "' must not be empty");
        }
        return value;
    }

    private String text(Map<String, NodeTuple> entries, String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return null;
        }
        Node node = tuple.getValueNode();
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
        }
        problems.add(key, node, "'" + key + "' must be a single value");
        return null;
    }

    private String oneOf(Map<String, NodeTuple> top, String key, Set<String> allowed) {
        String value = text(top, key);
        if (value != null && !allowed.contains(value)) {
            problems.add(key, top.get(key).getValueNode(), "'" + value + "' is not one of " + allowed);
        }
        return value;
    }

    /** A list of values; a single value is taken as a one-element list, null as empty. */
    private List<String> texts(Map<String, NodeTuple> top, String key) {
        NodeTuple tuple = top.get(key);
        List<String> values = new ArrayList<>();
        if (tuple == null) {
            return values;
        }
        Node node = tuple.getValueNode();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
                    values.add(scalar.getValue());
                } else if (!(item instanceof ScalarNode)) {
                    problems.add(key, item, "'" + key + "' must list plain values");
                }
            }
        } else if (node instanceof ScalarNode scalar) {
            if (!Tag.NULL.equals(scalar.getTag())) {
                values.add(scalar.getValue());
            }
        } else {
            problems.add(key, node, "'" + key + "' must be a list");
        }
        return values;
    }

    private LogSource logsource(Map<String, NodeTuple> top) {
        NodeTuple tuple = top.get("logsource");
        if (tuple == null) {
            problems.add("logsource", "'logsource' is required");
            return null;
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            problems.add("logsource", tuple.getValueNode(), "'logsource' must be a mapping");
            return null;
        }
        Map<String, NodeTuple> entries = entries(mapping, "logsource");
        String product = text(entries, "product");
        String category = text(entries, "category");
        String service = text(entries, "service");
        String definition = text(entries, "definition");
        if (product == null && category == null && service == null) {
            problems.add("logsource", mapping, "'logsource' needs at least one of product, category, service");
            return null;
        }
        return new LogSource(product, category, service, definition);
    }

    private CompiledRule detection(Map<String, NodeTuple> top) {
        NodeTuple tuple = top.get("detection");
        if (tuple == null) {
            problems.add("detection", "'detection' is required");
            return null;
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            problems.add("detection", tuple.getValueNode(), "'detection' must be a mapping");
            return null;
        }
        return detectionSection(mapping, "detection");
    }

    /**
     * Compiles a detection-shaped mapping (search identifiers plus {@code condition}) found at {@code path}; problems
     * are reported under that path. Also used for the {@code filter} section of Sigma filters.
     */
    CompiledRule detectionSection(MappingNode mapping, String path) {
        Map<String, NodeTuple> entries = entries(mapping, path);
        FieldCompiler fields = new FieldCompiler(options, problems);
        Map<String, Predicate> searches = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            String name = entry.getKey();
            if (name.equals("condition")) {
                continue;
            }
            if (name.equals("timeframe")) {
                problems.add(path + ".timeframe", entry.getValue().getKeyNode(),
                        "'timeframe' in a detection is Sigma v1 aggregation; use a correlation rule (not supported yet)");
                continue;
            }
            Predicate search = search(path + "." + name, entry.getValue().getValueNode(), fields);
            if (search != null) {
                searches.put(name, search);
            }
        }
        if (searches.size() > options.limits().maxSearchIdentifiers()) {
            problems.add(path, mapping, "has " + searches.size() + " search identifiers, more than the limit of "
                    + options.limits().maxSearchIdentifiers());
        }
        Condition condition = condition(entries.get("condition"), path + ".condition", List.copyOf(entries.keySet().stream()
                .filter(k -> !k.equals("condition") && !k.equals("timeframe")).toList()));
        return problems.isEmpty() && condition != null ? new CompiledRule(condition, searches) : null;
    }

    private Predicate search(String path, Node node, FieldCompiler fields) {
        return switch (node) {
            case MappingNode mapping -> map(mapping, path, fields);
            case SequenceNode sequence when sequence.getValue().isEmpty() -> {
                problems.add(path, node, "an empty list matches nothing");
                yield null;
            }
            case SequenceNode sequence when sequence.getValue().stream().allMatch(n -> n instanceof MappingNode) -> {
                List<Predicate> alternatives = new ArrayList<>();
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    alternatives.add(map((MappingNode) items.get(i), path + "[" + i + "]", fields));
                }
                yield alternatives.contains(null) ? null : new Predicate.AnyOf(alternatives);
            }
            case SequenceNode sequence when sequence.getValue().stream().allMatch(n -> n instanceof ScalarNode) ->
                    fields.keywords(sequence.getValue(), path);
            case SequenceNode sequence -> {
                problems.add(path, node, "a list must hold either only maps or only values");
                yield null;
            }
            case ScalarNode scalar when !Tag.NULL.equals(scalar.getTag()) -> fields.keywords(List.of(scalar), path);
            default -> {
                problems.add(path, node, "a search identifier must be a map, a list of maps or a list of values");
                yield null;
            }
        };
    }

    private Predicate map(MappingNode mapping, String path, FieldCompiler fields) {
        if (mapping.getValue().isEmpty()) {
            problems.add(path, mapping, "an empty map matches nothing");
            return null;
        }
        List<Predicate> tests = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> entry : entries(mapping, path).entrySet()) {
            tests.add(fields.compile(entry.getKey(), entry.getValue().getValueNode(), join(path, entry.getKey())));
        }
        if (tests.contains(null)) {
            return null;
        }
        return tests.size() == 1 ? tests.getFirst() : new Predicate.AllOf(tests);
    }

    private Condition condition(NodeTuple tuple, String path, List<String> identifiers) {
        if (tuple == null) {
            problems.add(path, "'condition' is required");
            return null;
        }
        Node node = tuple.getValueNode();
        List<ScalarNode> texts = new ArrayList<>();
        if (node instanceof ScalarNode scalar) {
            texts.add(scalar);
        } else if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()
                && sequence.getValue().stream().allMatch(n -> n instanceof ScalarNode)) {
            // A list of conditions is their OR, per the specification.
            sequence.getValue().forEach(n -> texts.add((ScalarNode) n));
        } else {
            problems.add(path, node, "'condition' must be a string or a list of strings");
            return null;
        }
        List<Condition> parsed = new ArrayList<>();
        for (ScalarNode text : texts) {
            try {
                parsed.add(ConditionParser.parse(text.getValue(), identifiers, options.limits().maxConditionDepth()));
            } catch (ConditionSyntaxException e) {
                problems.add(path, text, "'" + text.getValue() + "': " + e.getMessage());
            } catch (StackOverflowError e) {
                problems.add(path, text, "condition nests too deeply");
            }
        }
        if (parsed.size() != texts.size()) {
            return null;
        }
        return parsed.size() == 1 ? parsed.getFirst() : new Condition.Or(parsed);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
