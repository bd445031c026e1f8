package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.sigma.Detection;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.MapEventFields;
import io.vigil.sigma.event.WindowsEventFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Index on and index off give the same detections, in the same order, with every loadable SigmaHQ rule: on SigmaHQ's
 * regression events, on the Windows evtx-json samples, and on seeded random mutations of those events that plant
 * rule literals (in random case, with Unicode case variants), change value types and remove fields.
 */
class DifferentialIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FOLDERS =
            List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance");
    private static final int MUTATIONS = 3000;

    private static List<SigmaRule> rules;
    private static RuleSet plain;
    private static IndexedRuleSet indexed;

    @BeforeAll
    static void loadRules() throws IOException {
        rules = loadSigmaHq(sharedData().resolve("sigma"));
        plain = RuleSet.of(rules);
        indexed = IndexedRuleSet.of(rules);
    }

    @Test
    void indexOnAndOffGiveIdenticalDetections() throws IOException {
        List<EventFields> events = new ArrayList<>();
        List<Map<String, Object>> windowsEvents = new ArrayList<>();
        for (String line : regressionLines()) {
            if (line.startsWith("{")) {
                windowsEvents.add(parse(line));
            } else {
                events.add(new MapEventFields(Map.of("message", line)));
            }
        }
        int regressionEvents = windowsEvents.size() + events.size();
        try (Stream<Path> files = Files.list(sharedData().resolve("log-samples/windows-evtx-json"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                        .forEach(l -> windowsEvents.add(parse(l)));
            }
        }
        int sampleEvents = windowsEvents.size() + events.size() - regressionEvents;
        // Index off reads a Windows event by name in its maps, index on reads its listed fields: the comparison
        // covers the listing as well as the index.
        List<Map<String, Object>> windows = new ArrayList<>(windowsEvents);
        Mutator mutator = new Mutator(new Random(20_260_805L), literals());
        for (int i = 0; i < MUTATIONS; i++) {
            windows.add(mutator.mutate(windowsEvents.get(i % windowsEvents.size())));
        }
        int plainEvents = events.size();
        windows.forEach(e -> events.add(new WindowsEventFields(e)));

        List<String> differences = new ArrayList<>();
        long detections = 0;
        long candidates = 0;
        for (int i = 0; i < events.size(); i++) {
            EventFields event = events.get(i);
            List<Detection> expected = plain.evaluate(i < plainEvents ? event
                    : WindowsEventFields.answeringByLookup(windows.get(i - plainEvents)));
            List<Detection> actual = indexed.evaluate(event);
            detections += expected.size();
            candidates += indexed.candidateCount(event);
            if (!actual.equals(expected)) {
                differences.add(event + "\n  index off: " + titles(expected) + "\n  index on:  " + titles(actual));
            }
        }

        IndexStatistics statistics = indexed.statistics();
        System.out.printf(Locale.ROOT, "candidate index: %s%n", statistics);
        System.out.printf(Locale.ROOT, "differential: %d events (%d regression, %d samples, %d mutated), %d detections,"
                + " %.1f candidate rules per event on average (of %d)%n", events.size(), regressionEvents,
                sampleEvents, MUTATIONS, detections, (double) candidates / events.size(), rules.size());
        assertThat(differences).as("events where index on and off differ").isEmpty();
        assertThat(detections).as("the events exercise rules").isGreaterThan(1000);
        assertThat(statistics.indexedRules()).isGreaterThan(statistics.alwaysCheckRules());
    }

    private static List<String> titles(List<Detection> detections) {
        return detections.stream().map(Detection::title).toList();
    }

    /** Every (field, literal) the index holds: planting them makes mutated events reach many rules. */
    private static List<Atom> literals() {
        return rules.stream().map(r -> NecessaryLiterals.of(r.detection()))
                .flatMap(n -> n instanceof Necessary.OneOf oneOf ? oneOf.atoms().stream() : Stream.empty())
                .distinct().sorted(java.util.Comparator.comparing(Atom::toString)).toList();
    }

    private static List<String> regressionLines() throws IOException {
        Path folder = sharedData().resolve("sigma-regression-dev");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("cases.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode testCase = JSON.readTree(line);
            Files.readAllLines(folder.resolve(testCase.get("events_file").asText()), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).forEach(lines::add);
        }
        return lines;
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SigmaRule> loadSigmaHq(Path sigma) throws IOException {
        List<SigmaRule> loaded = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> files = Files.walk(sigma.resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                    if (SigmaRules.parse(Files.readString(file, StandardCharsets.UTF_8),
                            sigma.relativize(file).toString()) instanceof RuleLoad.Loaded l) {
                        loaded.add(l.rule());
                    }
                }
            }
        }
        return loaded;
    }

    /** As {@code io.vigil.sigma.SharedData}: $VIGIL_SHARED_DATA, else ../../shared/data. */
    static Path sharedData() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        Path relative = Path.of("..", "..", "shared", "data");
        if (Files.isDirectory(relative)) {
            return relative.normalize();
        }
        throw new IllegalStateException("shared data not found: set VIGIL_SHARED_DATA");
    }

    /** Seeded changes to a copy of an evtx_dump event: planted literals, case and type changes, removals. */
    private static final class Mutator {

        private final Random random;
        private final List<Atom> literals;

        Mutator(Random random, List<Atom> literals) {
            this.random = random;
            this.literals = literals;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> mutate(Map<String, Object> original) {
            Map<String, Object> event = (Map<String, Object>) deepCopy(original);
            Map<String, Object> root = (Map<String, Object>) event.get("Event");
            Map<String, Object> data = (Map<String, Object>) root.computeIfAbsent("EventData",
                    k -> new LinkedHashMap<String, Object>());
            if (data == null) {
                data = new LinkedHashMap<>();
                root.put("EventData", data);
            }
            int changes = 1 + random.nextInt(3);
            for (int i = 0; i < changes; i++) {
                mutateOnce(data);
            }
            return event;
        }

        private void mutateOnce(Map<String, Object> data) {
            List<String> keys = new ArrayList<>(data.keySet());
            String key = keys.isEmpty() ? "CommandLine" : keys.get(random.nextInt(keys.size()));
            Object value = data.get(key);
            String text = value == null ? "" : String.valueOf(value);
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> plant(data);
                case 3 -> data.put(key, flipCase(text));
                case 4 -> data.put(key, text.isEmpty() ? text : text.substring(random.nextInt(text.length())));
                case 5 -> data.put(key, switch (random.nextInt(5)) {
                    case 0 -> random.nextInt(5000);
                    case 1 -> random.nextInt(5000) + ".0";
                    case 2 -> " " + random.nextInt(20) + " ";
                    case 3 -> random.nextBoolean();
                    default -> (double) random.nextInt(5000);
                });
                case 6 -> {
                    if (random.nextBoolean()) {
                        data.remove(key);
                    } else {
                        data.put(key, null);
                    }
                }
                default -> data.put(key, List.of(text, unicodeVariant(text)));
            }
        }

        /** Puts a rule literal into its field (or any field for keywords), in random case, maybe with context. */
        private void plant(Map<String, Object> data) {
            Atom atom = literals.get(random.nextInt(literals.size()));
            String planted = switch (atom) {
                case Atom.FieldEquals equals -> equals.text();
                case Atom.FieldNumber number -> number.number().toPlainString();
                case Atom.FieldContains contains -> wrap(contains.literal());
                case Atom.KeywordContains keyword -> wrap(keyword.literal());
            };
            String field = switch (atom) {
                case Atom.FieldEquals equals -> equals.field();
                case Atom.FieldNumber number -> number.field();
                case Atom.FieldContains contains -> contains.field();
                case Atom.KeywordContains keyword -> "Payload";
            };
            String value = switch (random.nextInt(4)) {
                case 0 -> planted.toUpperCase(Locale.ROOT);
                case 1 -> flipCase(planted);
                case 2 -> unicodeVariant(planted);
                default -> planted;
            };
            Object existing = data.get(field);
            data.put(field, existing != null && random.nextInt(4) == 0 ? existing + " " + value : value);
        }

        private String wrap(String literal) {
            return switch (random.nextInt(4)) {
                case 0 -> literal;
                case 1 -> "C:\\Windows\\System32\\" + literal;
                case 2 -> literal + " -x";
                default -> "x " + literal + " y";
            };
        }

        private String flipCase(String text) {
            StringBuilder flipped = new StringBuilder();
            text.codePoints().forEach(cp -> flipped.appendCodePoint(random.nextBoolean()
                    ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
            return flipped.toString();
        }

        /** Case variants that fold together: dotted capital I, long s, Kelvin sign. */
        private static String unicodeVariant(String text) {
            return text.replace('i', 'İ').replace('s', 'ſ').replace('k', 'K');
        }

        private static Object deepCopy(Object value) {
            return switch (value) {
                case Map<?, ?> map -> {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
                    yield copy;
                }
                case List<?> list -> new ArrayList<>(list.stream().map(Mutator::deepCopy).toList());
                case null -> null;
                default -> value;
            };
        }
    }
}
