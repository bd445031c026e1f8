package io.vigil.sigma.logsource;

import io.vigil.sigma.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the mapping file from YAML nodes (nothing is constructed into Java objects) and collects every problem with
 * its location before rejecting. Format: {@code docs/sigma-semantics.md}.
 */
final class MappingParser {

    private static final Set<String> ROOT_KEYS = Set.of("version", "entries");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "logsource", "sources", "when", "renames", "origin");
    private static final Set<String> LOGSOURCE_KEYS = Set.of("product", "category", "service");
    private static final Set<String> OPERATORS = Set.of("equals", "in", "not_in", "exists", "startswith", "endswith");

    private final String origin;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private MappingParser(String origin) {
        this.origin = origin;
    }

    static List<MappingEntry> parse(String yaml, String origin) {
        MappingParser parser = new MappingParser(origin);
        List<MappingEntry> entries = parser.file(yaml);
        if (!parser.problems.isEmpty()) {
            throw new LogsourceMappingException(origin, parser.problems);
        }
        return entries;
    }

    private List<MappingEntry> file(String yaml) {
        Node document = document(yaml);
        if (document == null) {
            return List.of();
        }
        if (!(document instanceof MappingNode mapping)) {
            problem("$", document, "a mapping file is a mapping with keys version and entries");
            return List.of();
        }
        Map<String, NodeTuple> root = keys(mapping, "$", ROOT_KEYS);
        NodeTuple version = root.get("version");
        if (version == null) {
            problem("version", mapping, "missing; this reader understands version 1");
        } else if (!"1".equals(scalar(version.getValueNode(), "version"))) {
            problem("version", version.getValueNode(), "unsupported version; this reader understands version 1");
        }
        NodeTuple entriesTuple = root.get("entries");
        if (entriesTuple == null) {
            problem("entries", mapping, "missing");
            return List.of();
        }
        if (!(entriesTuple.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problem("entries", entriesTuple.getValueNode(), "must be a non-empty list of entries");
            return List.of();
        }
        List<MappingEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            MappingEntry entry = entry(list.getValue().get(i), "entries[" + i + "]");
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private MappingEntry entry(Node node, String path) {
        if (!(node instanceof MappingNode mapping)) {
            problem(path, node, "an entry is a mapping with name, logsource and sources and/or when");
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> keys = keys(mapping, path, ENTRY_KEYS);
        String name = keys.containsKey("name") ? scalar(keys.get("name").getValueNode(), path + ".name") : null;
        if (!keys.containsKey("name")) {
            problem(path + ".name", mapping, "missing");
        } else if (name != null && !names.add(name)) {
            problem(path + ".name", keys.get("name").getValueNode(), "duplicate entry name " + name);
        }
        String label = name == null ? path : path + " (" + name + ")";
        Map<String, String> logsource = logsource(keys.get("logsource"), mapping, label + ".logsource");
        Set<String> sources = keys.containsKey("sources")
                ? new LinkedHashSet<>(scalars(keys.get("sources").getValueNode(), label + ".sources"))
                : Set.of();
        List<FieldTest> when = keys.containsKey("when") ? when(keys.get("when").getValueNode(), label + ".when")
                : List.of();
        Map<String, List<String>> renames = keys.containsKey("renames")
                ? renames(keys.get("renames").getValueNode(), label + ".renames") : Map.of();
        if (keys.containsKey("origin")) {
            scalar(keys.get("origin").getValueNode(), label + ".origin");
        }
        if (!keys.containsKey("sources") && !keys.containsKey("when")) {
            problem(label, mapping, "needs sources, when, or both: otherwise it can never match");
        }
        if (problems.size() > before) {
            return null;
        }
        return new MappingEntry(name, logsource.get("product"), logsource.get("category"), logsource.get("service"),
                sources, when, renames);
    }

    private Map<String, String> logsource(NodeTuple tuple, Node owner, String path) {
        if (tuple == null) {
            problem(path, owner, "missing");
            return Map.of();
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            problem(path, tuple.getValueNode(), "must be a mapping of product, category, service");
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        keys(mapping, path, LOGSOURCE_KEYS).forEach((key, t) -> {
            String value = scalar(t.getValueNode(), path + "." + key);
            if (value != null) {
                values.put(key, value.toLowerCase(Locale.ROOT));
            }
        });
        if (values.isEmpty() && mapping.getValue().stream().allMatch(t -> t.getKeyNode() instanceof ScalarNode k
                && LOGSOURCE_KEYS.contains(k.getValue()))) {
            problem(path, mapping, "names none of product, category, service");
        }
        return values;
    }

    private List<FieldTest> when(Node node, String path) {
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            problem(path, node, "must be a non-empty mapping of field name to test");
            return List.of();
        }
        List<FieldTest> tests = new ArrayList<>();
        keys(mapping, path, null).forEach((field, tuple) -> {
            FieldTest test = test(field, tuple.getValueNode(), path + "." + field);
            if (test != null) {
                tests.add(test);
            }
        });
        return tests;
    }

    private FieldTest test(String field, Node node, String path) {
        return switch (node) {
            case ScalarNode s -> {
                String value = scalar(s, path);
                yield value == null ? null : new FieldTest.In(field, List.of(value));
            }
            case SequenceNode list -> {
                List<String> values = scalars(list, path);
                yield values.isEmpty() ? null : new FieldTest.In(field, values);
            }
            case MappingNode mapping -> {
                Map<String, NodeTuple> ops = keys(mapping, path, OPERATORS);
                if (ops.size() > 1 || mapping.getValue().isEmpty()) {
                    problem(path, mapping, "needs exactly one of " + new java.util.TreeSet<>(OPERATORS));
                }
                if (ops.size() != 1) {
                    yield null;
                }
                String op = ops.keySet().iterator().next();
                Node value = ops.get(op).getValueNode();
                String at = path + "." + op;
                yield switch (op) {
                    case "equals" -> nonNull(scalar(value, at), v -> new FieldTest.In(field, List.of(v)));
                    case "in" -> nonEmpty(scalars(value, at), v -> new FieldTest.In(field, v));
                    case "not_in" -> nonEmpty(scalars(value, at), v -> new FieldTest.NotIn(field, v));
                    case "startswith" -> nonNull(nonBlank(value, at), v -> new FieldTest.StartsWith(field, v));
                    case "endswith" -> nonNull(nonBlank(value, at), v -> new FieldTest.EndsWith(field, v));
                    case "exists" -> {
                        String flag = scalar(value, at);
                        if (!"true".equals(flag) && !"false".equals(flag)) {
                            problem(at, value, "must be true or false");
                            yield null;
                        }
                        yield new FieldTest.Exists(field, Boolean.parseBoolean(flag));
                    }
                    default -> throw new IllegalStateException(op);
                };
            }
            default -> {
                problem(path, node, "must be a value, a list of values, or a mapping with one operator");
                yield null;
            }
        };
    }

    private Map<String, List<String>> renames(Node node, String path) {
        if (!(node instanceof MappingNode mapping)) {
            problem(path, node, "must be a mapping of Sigma field name to event field name(s)");
            return Map.of();
        }
        Map<String, List<String>> renames = new LinkedHashMap<>();
        keys(mapping, path, null).forEach((sigmaName, tuple) -> {
            List<String> targets = tuple.getValueNode() instanceof SequenceNode
                    ? scalars(tuple.getValueNode(), path + "." + sigmaName)
                    : nonNull(scalar(tuple.getValueNode(), path + "." + sigmaName), List::of);
            if (targets == null || targets.isEmpty()) {
                return;
            }
            if (targets.contains(sigmaName)) {
                problem(path + "." + sigmaName, tuple.getValueNode(), "renames a field to itself");
                return;
            }
            // Interned, as JSON decoders intern member names: lookups then succeed by identity.
            renames.put(sigmaName, targets.stream().map(String::intern).toList());
        });
        return renames;
    }

    /** Keys in order; duplicates and (when {@code allowed} is given) unknown keys are problems. */
    private Map<String, NodeTuple> keys(MappingNode mapping, String path, Set<String> allowed) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || key.getValue().isBlank()) {
                problem(path, tuple.getKeyNode(), "keys must be non-empty plain values");
                continue;
            }
            String name = key.getValue();
            if (allowed != null && !allowed.contains(name)) {
                problem(path + "." + name, key, "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            } else if (keys.putIfAbsent(name, tuple) != null) {
                problem(path + "." + name, key, "duplicate key");
            }
        }
        return keys;
    }

    private String scalar(Node node, String path) {
        if (!(node instanceof ScalarNode scalar) || "tag:yaml.org,2002:null".equals(scalar.getTag().getValue())) {
            problem(path, node, "must be a single value");
            return null;
        }
        return scalar.getValue();
    }

    private String nonBlank(Node node, String path) {
        String value = scalar(node, path);
        if (value != null && value.isEmpty()) {
            problem(path, node, "must not be empty");
            return null;
        }
        return value;
    }

    private List<String> scalars(Node node, String path) {
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problem(path, node, "must be a non-empty list of values");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String value = scalar(list.getValue().get(i), path + "[" + i + "]");
            if (value != null) {
                values.add(value);
            }
        }
        return values.size() == list.getValue().size() ? values : List.of();
    }

    private static <T, R> R nonNull(T value, java.util.function.Function<T, R> then) {
        return value == null ? null : then.apply(value);
    }

    private static <R> R nonEmpty(List<String> values, java.util.function.Function<List<String>, R> then) {
        return values.isEmpty() ? null : then.apply(values);
    }

    private Node document(String yaml) {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(20);
        loader.setNestingDepthLimit(16);
        loader.setCodePointLimit(LogsourceRouter.MAX_MAPPING_BYTES);
        loader.setAllowRecursiveKeys(false);
        Yaml parser = new Yaml(new SafeConstructor(loader));
        try {
            Node document = null;
            int count = 0;
            for (Node node : parser.composeAll(new StringReader(yaml))) {
                if (node != null) {
                    document = node;
                    count++;
                }
            }
            if (count != 1) {
                problems.add(new Problem("$", OptionalInt.empty(), count == 0 ? "the mapping file is empty"
                        : "holds " + count + " YAML documents; expected one"));
                return null;
            }
            return document;
        } catch (MarkedYAMLException e) {
            problems.add(new Problem("$", e.getProblemMark() == null ? OptionalInt.empty()
                    : OptionalInt.of(e.getProblemMark().getLine() + 1), "invalid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            problems.add(new Problem("$", OptionalInt.empty(), "invalid YAML: " + e.getMessage()));
        }
        return null;
    }

    private void problem(String path, Node node, String message) {
        OptionalInt line = node == null || node.getStartMark() == null ? OptionalInt.empty()
                : OptionalInt.of(node.getStartMark().getLine() + 1);
        problems.add(new Problem(path, line, message));
    }

    @Override
    public String toString() {
        return "MappingParser[" + origin + "]";
    }
}
