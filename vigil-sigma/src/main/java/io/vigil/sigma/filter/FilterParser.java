package io.vigil.sigma.filter;

import io.vigil.sigma.CompiledRule;
import io.vigil.sigma.DetectionLoad;
import io.vigil.sigma.LogSource;
import io.vigil.sigma.Problem;
import io.vigil.sigma.SigmaOptions;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.SigmaYaml;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one filter document from YAML nodes (lines kept, nothing instantiated) and compiles its {@code filter}
 * section with the rule compiler, collecting every problem.
 */
final class FilterParser {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])");
    // Unknown keys are rejected, not ignored: a misspelt "expires" would otherwise make an exception permanent.
    private static final Set<String> KEYS = Set.of("title", "id", "description", "author", "date", "modified",
            "taxonomy", "logsource", "filter", "reason", "expires");
    private static final int MAX_TITLE = 256;

    private final String origin;
    private final SigmaOptions options;
    private final List<Problem> problems = new ArrayList<>();

    FilterParser(String origin, SigmaOptions options) {
        this.origin = origin;
        this.options = options;
    }

    FilterLoad parse(String yaml) {
        if (yaml.length() > options.limits().maxRuleChars()) {
            add("$", null, "filter has " + yaml.length() + " characters, more than the limit of "
                    + options.limits().maxRuleChars());
            return rejected();
        }
        MappingNode root = document(yaml);
        if (root == null) {
            return rejected();
        }
        Map<String, NodeTuple> top = entries(root, "");
        top.forEach((key, tuple) -> {
            if (!KEYS.contains(key)) {
                add(key, tuple.getKeyNode(), "unknown key '" + key + "'; a filter has " + new TreeSet<>(KEYS));
            }
        });
        String title = text(top, "title");
        if (!top.containsKey("title")) {
            add("title", null, "'title' is required");
        } else if (title != null && title.isBlank()) {
            add("title", node(top, "title"), "'title' must not be empty");
        } else if (title.length() > MAX_TITLE) {
            add("title", node(top, "title"), "'title' has more than " + MAX_TITLE + " characters");
        }
        String id = text(top, "id");
        if (id != null && !UUID.matcher(id).matches()) {
            add("id", node(top, "id"), "id must be a UUID, not '" + id + "'");
        }
        String date = date(top, "date");
        String modified = date(top, "modified");
        LogSource logsource = logsource(top);
        String description = text(top, "description");
        String author = text(top, "author");
        String taxonomy = text(top, "taxonomy");
        String reason = text(top, "reason");
        Instant expiresAt = expires(top);
        FilterSection section = filter(top);
        if (!problems.isEmpty() || title == null) {
            if (problems.isEmpty()) {
                add("title", node(top, "title"), "'title' must not be empty");
            }
            return rejected();
        }
        return new FilterLoad.Loaded(new SigmaFilter(id, title, description, author, date, modified, taxonomy,
                logsource, section.rules(), reason, expiresAt, origin, section.detection()));
    }

    private record FilterSection(List<String> rules, CompiledRule detection) {
    }

    private FilterLoad rejected() {
        return new FilterLoad.Rejected(origin, problems);
    }

    private FilterSection filter(Map<String, NodeTuple> top) {
        NodeTuple tuple = top.get("filter");
        if (tuple == null) {
            add("filter", null, "'filter' is required");
            return null;
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            add("filter", tuple.getValueNode(), "'filter' must be a mapping of rules, search identifiers and condition");
            return null;
        }
        List<String> rules = rules(mapping);
        // The rest of the section is a detection: compile it with the rule compiler, keeping nodes and lines.
        List<NodeTuple> detection = mapping.getValue().stream()
                .filter(t -> !(t.getKeyNode() instanceof ScalarNode key && key.getValue().equals("rules")))
                .toList();
        MappingNode body = new MappingNode(Tag.MAP, true, detection, mapping.getStartMark(), mapping.getEndMark(),
                mapping.getFlowStyle());
        return switch (SigmaRules.compileDetection(body, "filter", origin, options)) {
            case DetectionLoad.Compiled compiled -> rules == null ? null : new FilterSection(rules, compiled.detection());
            case DetectionLoad.Rejected rejected -> {
                problems.addAll(rejected.problems());
                yield null;
            }
        };
    }

    private List<String> rules(MappingNode filter) {
        NodeTuple tuple = entries(filter, "filter").get("rules");
        if (tuple == null) {
            add("filter.rules", filter, "'filter.rules' is required: the ids of the rules the filter applies to");
            return null;
        }
        if (!(tuple.getValueNode() instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            add("filter.rules", tuple.getValueNode(), "'filter.rules' must be a non-empty list of rule ids");
            return null;
        }
        List<String> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            String path = "filter.rules[" + i + "]";
            if (!(items.get(i) instanceof ScalarNode scalar) || Tag.NULL.equals(scalar.getTag())
                    || scalar.getValue().isBlank()) {
                add(path, items.get(i), "a rule reference must be a rule id");
            } else if (!seen.add(scalar.getValue())) {
                add(path, scalar, "rule '" + scalar.getValue() + "' is listed twice");
            } else {
                rules.add(scalar.getValue());
            }
        }
        return rules.size() == items.size() ? rules : null;
    }

    private LogSource logsource(Map<String, NodeTuple> top) {
        NodeTuple tuple = top.get("logsource");
        if (tuple == null) {
            add("logsource", null, "'logsource' is required");
            return null;
        }
        if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
            add("logsource", tuple.getValueNode(), "'logsource' must be a mapping");
            return null;
        }
        Map<String, NodeTuple> entries = entries(mapping, "logsource");
        String product = text(entries, "product");
        String category = text(entries, "category");
        String service = text(entries, "service");
        if (product == null && category == null && service == null) {
            add("logsource", mapping, "'logsource' needs at least one of product, category, service");
            return null;
        }
        return new LogSource(product, category, service, text(entries, "definition"));
    }

    private String date(Map<String, NodeTuple> top, String key) {
        String value = text(top, key);
        if (value != null && !DATE.matcher(value).matches()) {
            add(key, node(top, key), "'" + key + "' must be a date YYYY-MM-DD, not '" + value + "'");
        }
        return value;
    }

    /**
     * A date means the filter applies through that whole day in UTC; a date-time needs an offset, because a local
     * time would mean different instants for tenants in different zones.
     */
    private Instant expires(Map<String, NodeTuple> top) {
        String value = text(top, "expires");
        if (value == null) {
            return null;
        }
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            add("expires", node(top, "expires"), "'expires' must be a date (2025-12-31, through that day in UTC) or a"
                    + " date-time with offset (2025-12-31T18:00:00Z), not '" + value + "'");
            return null;
        }
    }

    private MappingNode document(String yaml) {
        // Same bounds as rules: filters are untrusted content too.
        SigmaYaml.Document document = SigmaYaml.single(yaml, options.limits().maxRuleChars(), new SigmaYaml.Messages(
                "the filter is empty", "put one filter per file", "a filter is a mapping with title, logsource and filter"));
        problems.addAll(document.problems());
        return document.root();
    }

    private Map<String, NodeTuple> entries(MappingNode mapping, String path) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                add(path.isEmpty() ? "$" : path, tuple.getKeyNode(), "keys must be plain values");
            } else if (entries.putIfAbsent(key.getValue(), tuple) != null
                    && (!path.equals("filter") || key.getValue().equals("rules"))) {
                // Other duplicates inside 'filter' are reported by the detection compiler.
                add(path.isEmpty() ? key.getValue() : path + "." + key.getValue(), key,
                        "duplicate key '" + key.getValue() + "'");
            }
        }
        return entries;
    }

    private String text(Map<String, NodeTuple> entries, String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return null;
        }
        if (tuple.getValueNode() instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
        }
        add(key, tuple.getValueNode(), "'" + key + "' must be a single value");
        return null;
    }

    private static Node node(Map<String, NodeTuple> entries, String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    private void add(String location, Node node, String message) {
        OptionalInt line = node == null || node.getStartMark() == null
                ? OptionalInt.empty() : OptionalInt.of(node.getStartMark().getLine() + 1);
        problems.add(new Problem(location, line, message));
    }
}
