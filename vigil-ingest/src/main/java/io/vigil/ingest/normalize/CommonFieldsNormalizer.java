package io.vigil.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.pipeline.EventStage;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.pipeline.StageResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds OCSF-aligned common fields to decoded events from a mapping kept as data
 * ({@code io/vigil/content/normalize/common-fields.json} in vigil-content). The event's own fields are
 * never changed; the event time becomes the source's timestamp when one is found and plausible.
 *
 * <p>The mapping has generic {@code fields} (target, type, source paths: the first path present wins),
 * {@code vocabularies} (source words → OCSF names and ids, for action, status and severity) and
 * {@code families}: the first family whose {@code when} holds adds its constants ({@code set}: class, vendor,
 * product) and its own field rules, which take precedence over the generic ones; its {@code defaults}, then the
 * mapping's, fill what is still missing (a CloudTrail call without {@code errorCode} succeeded). Every event also gets its
 * tenant, input and source name ({@code metadata.tenant_uid}, {@code metadata.log_provider},
 * {@code metadata.log_name}) and, when a decoder said so, its format and family.
 */
public final class CommonFieldsNormalizer implements EventStage {

    /** Timestamps further than this in the future are clock errors at the source; received time is kept. */
    static final Duration MAX_FUTURE = Duration.ofDays(1);
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private final PathIndex paths;
    private final List<FieldRule> rules;
    private final List<Family> families;
    private final Map<String, Object> defaults;

    CommonFieldsNormalizer(PathIndex paths, List<FieldRule> rules, List<Family> families, Map<String, Object> defaults) {
        this.paths = paths;
        this.rules = List.copyOf(rules);
        this.families = List.copyOf(families);
        this.defaults = Map.copyOf(defaults);
    }

    /** Reads the mapping; a mapping with problems is rejected with all of them listed. */
    public static CommonFieldsNormalizer fromMapping(InputStream mapping) {
        try {
            JsonNode root = new ObjectMapper().readTree(mapping);
            List<String> problems = new ArrayList<>();
            PathIndex paths = new PathIndex();
            Map<String, Vocabulary> vocabularies = vocabularies(root.path("vocabularies"), problems);
            JsonNode fields = root.path("fields");
            List<FieldRule> rules = rules(fields, "fields", vocabularies, paths, problems);
            if (fields.isEmpty()) {
                problems.add("no 'fields' in mapping");
            }
            List<Family> families = new ArrayList<>();
            JsonNode list = root.path("families");
            for (int i = 0; i < list.size(); i++) {
                JsonNode f = list.get(i);
                String name = f.path("name").asText("");
                String where = "families[" + i + "] (" + name + ")";
                if (name.isBlank()) {
                    problems.add(where + ": name missing");
                }
                List<Condition> when = new ArrayList<>();
                f.path("when").properties().forEach(e -> when.add(Condition.parse(e.getKey(), e.getValue(), paths)));
                if (when.isEmpty()) {
                    problems.add(where + ": 'when' must hold at least one condition");
                }
                Map<String, Object> set = new LinkedHashMap<>();
                f.path("set").properties().forEach(e -> set.put(e.getKey(),
                        e.getValue().isIntegralNumber() ? (Object) e.getValue().asLong() : e.getValue().asText()));
                Map<String, Object> defaults = new LinkedHashMap<>();
                f.path("defaults").properties().forEach(e -> defaults.put(e.getKey(),
                        e.getValue().isIntegralNumber() ? (Object) e.getValue().asLong() : e.getValue().asText()));
                families.add(new Family(name, when, set, rules(f.path("fields"), where + ".fields", vocabularies, paths,
                        problems),
                        defaults));
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid common-field mapping: " + String.join("; ", problems));
            }
            Map<String, Object> defaults = new LinkedHashMap<>();
            root.path("defaults").properties().forEach(e -> defaults.put(e.getKey(),
                    e.getValue().isIntegralNumber() ? (Object) e.getValue().asLong() : e.getValue().asText()));
            return new CommonFieldsNormalizer(paths, rules, families, defaults);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable common-field mapping", e);
        }
    }

    private static Map<String, Vocabulary> vocabularies(JsonNode node, List<String> problems) {
        Map<String, Vocabulary> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            Map<String, Iterable<String>> words = new LinkedHashMap<>();
            e.getValue().path("values").properties().forEach(v -> {
                List<String> list = new ArrayList<>();
                v.getValue().forEach(w -> list.add(w.asText()));
                words.put(v.getKey(), list);
            });
            Map<String, Integer> ids = new LinkedHashMap<>();
            e.getValue().path("ids").properties().forEach(v -> ids.put(v.getKey(), v.getValue().asInt()));
            words.keySet().stream().filter(k -> !ids.containsKey(k))
                    .forEach(k -> problems.add("vocabularies." + e.getKey() + ": '" + k + "' has no id"));
            out.put(e.getKey(), Vocabulary.of(e.getKey(), e.getValue().path("idTarget").asText(null), words, ids));
        });
        return out;
    }

    private static List<FieldRule> rules(JsonNode fields, String where, Map<String, Vocabulary> vocabularies,
                                         PathIndex paths, List<String> problems) {
        List<FieldRule> rules = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            String target = field.path("target").asText("");
            String type = field.path("type").asText("string");
            List<FieldPath> from = new ArrayList<>();
            field.path("from").forEach(path -> from.add(paths.parse(path.asText())));
            String at = where + "[" + i + "] (" + target + ")";
            if (target.isBlank()) {
                problems.add(where + "[" + i + "]: target missing");
            }
            if (from.isEmpty()) {
                problems.add(at + ": no source paths");
            }
            Vocabulary vocabulary = null;
            if (field.hasNonNull("vocabulary")) {
                vocabulary = vocabularies.get(field.get("vocabulary").asText());
                if (vocabulary == null) {
                    problems.add(at + ": unknown vocabulary '" + field.get("vocabulary").asText() + "'");
                }
            }
            FieldType fieldType = FieldType.parse(type);
            if (fieldType == null) {
                problems.add(at + ": unknown type '" + type + "'");
            } else if (!target.isBlank() && !from.isEmpty()) {
                String present = field.hasNonNull("present") ? field.get("present").asText() : null;
                if (present != null && (vocabulary == null || !vocabulary.ids().containsKey(present))) {
                    problems.add(at + ": 'present' must name a value of the rule's vocabulary");
                }
                rules.add(new FieldRule(target, fieldType, from, vocabulary, present));
            }
        }
        return rules;
    }

    @Override
    public String name() {
        return "common-fields";
    }

    @Override
    public Phase phase() {
        return Phase.NORMALIZE;
    }

    @Override
    public StageResult process(Event event) {
        Map<String, Object> common = new LinkedHashMap<>();
        Map<String, Object> fields = event.fields();
        EventKeys eventKeys = new EventKeys(fields, paths);
        Family family = null;
        for (Family candidate : families) {
            if (candidate.matches(fields, eventKeys)) {
                family = candidate;
                break;
            }
        }
        Instant eventTime = null;
        if (family != null) {
            common.putAll(family.set());
            eventTime = apply(family.fields(), fields, eventKeys, event.receivedAt(), common, null);
        }
        eventTime = apply(rules, fields, eventKeys, event.receivedAt(), common, eventTime);
        if (family != null) {
            family.defaults().forEach(common::putIfAbsent);
        }
        defaults.forEach(common::putIfAbsent);
        Instant time = eventTime != null ? eventTime : event.receivedAt();
        common.put("time", time.toEpochMilli());
        common.put("metadata.time_source", eventTime != null ? "event" : "received");
        common.put("metadata.tenant_uid", event.tenant().toString());
        common.put("metadata.log_provider", event.source().input());
        common.put("metadata.log_name", event.source().name());
        if (fields.get("_vigil") instanceof Map<?, ?> marker) {
            if (marker.get("format") instanceof String format) {
                common.put("metadata.log_format", format);
            }
            if (marker.get("family") instanceof String name) {
                common.putIfAbsent("metadata.log_family", name);
            }
        }
        if (family != null) {
            common.putIfAbsent("metadata.log_family", family.name());
        }
        return new StageResult.Continue(event.withTime(time).withCommon(common));
    }

    /** Applies {@code rules} to the targets still empty; returns the event time found (or {@code time}). */
    private static Instant apply(List<FieldRule> rules, Map<String, Object> fields, EventKeys eventKeys,
                                 Instant receivedAt,
                                 Map<String, Object> common, Instant time) {
        for (FieldRule rule : rules) {
            boolean timeRule = rule.type() == FieldType.TIMESTAMP;
            if (timeRule ? time != null : common.containsKey(rule.target())) {
                continue;
            }
            for (int i = 0; i < 2 * rule.from().size(); i++) {
                // Every path exactly first, then every path ignoring case, so that case never reorders paths.
                FieldPath path = rule.from().get(i % rule.from().size());
                Object value = i < rule.from().size() ? path.resolve(fields, eventKeys)
                        : path.resolveIgnoringCase(fields, eventKeys);
                if (value == null) {
                    continue;
                }
                if (timeRule) {
                    Instant parsed = Timestamps.parse(value);
                    if (parsed != null && isPlausible(parsed, receivedAt)) {
                        time = parsed;
                        break;
                    }
                    continue;
                }
                if (rule.vocabulary() != null) {
                    String canonical = rule.present() != null ? rule.present() : rule.vocabulary().canonical(value);
                    if (canonical == null) {
                        continue;
                    }
                    common.put(rule.target(), canonical);
                    if (rule.vocabulary().idTarget() != null) {
                        common.put(rule.vocabulary().idTarget(), (long) rule.vocabulary().ids().get(canonical));
                    }
                    break;
                }
                Object converted = rule.type().convert(value);
                if (converted != null) {
                    common.put(rule.target(), converted);
                    break;
                }
            }
        }
        return time;
    }

    private static boolean isPlausible(Instant time, Instant receivedAt) {
        return !time.isBefore(EARLIEST) && !time.isAfter(receivedAt.plus(MAX_FUTURE));
    }

    /** @param present with a vocabulary: the value to take whenever a source path holds anything at all */
    record FieldRule(String target, FieldType type, List<FieldPath> from, Vocabulary vocabulary, String present) {
    }

    record Family(String name, List<Condition> when, Map<String, Object> set, List<FieldRule> fields,
                  Map<String, Object> defaults) {
        boolean matches(Map<String, Object> event, EventKeys eventKeys) {
            for (Condition condition : when) {
                if (!condition.holds(event, eventKeys)) {
                    return false;
                }
            }
            return true;
        }
    }
}
