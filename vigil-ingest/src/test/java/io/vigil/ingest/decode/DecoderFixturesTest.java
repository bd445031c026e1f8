package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import io.vigil.core.pipeline.StageResult;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.normalize.CommonFieldsNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks every decoder fixture in vigil-content ({@code io/vigil/content/decoders/fixtures/}): each family's own
 * cases (raw input → expected fields and common fields) must pass, and each referenced set of shared real samples
 * ({@code ../shared/data}, read in place, never copied) must decode with the expected common fields at no less
 * than the rate the fixture records. The measured rates per family are written to
 * {@code target/decoder-fixtures.md} (the table in docs/decoders.md comes from it). Content without fixtures
 * fails: every vendor family and delimited format must have a fixture file.
 */
class DecoderFixturesTest {

    static final String FIXTURES = "io/vigil/content/decoders/fixtures/";
    static final Instant RECEIVED = Instant.parse("2026-11-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> REPORT = new TreeMap<>();
    private static final Map<String, List<String>> MISSES = new TreeMap<>();

    private final DecoderDefinitions definitions = DecoderDefinitions.fromClasspath(loader());
    private final Decoders decoders = Decoders.standard(DecoderLimits.DEFAULTS, definitions);
    private final CommonFieldsNormalizer normalizer = normalizer();

    static ClassLoader loader() {
        return DecoderFixturesTest.class.getClassLoader();
    }

    static CommonFieldsNormalizer normalizer() {
        try (InputStream in = loader().getResourceAsStream("io/vigil/content/normalize/common-fields.json")) {
            return CommonFieldsNormalizer.fromMapping(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fixtureFiles() {
        try (InputStream in = loader().getResourceAsStream(FIXTURES + "index.txt")) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode fixture(String file) {
        try (InputStream in = loader().getResourceAsStream(FIXTURES + file)) {
            assertThat(in).as("fixture file %s listed in index.txt", file).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared data folder: ../shared/data beside the repository root, or -Dvigil.shared.data. */
    static Path sharedData() {
        String configured = System.getProperty("vigil.shared.data");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data");
            if (p.getParent() != null && Files.isDirectory(candidate) && Files.exists(p.resolve("pom.xml"))) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void everyFamilyAndDelimitedFormatHasFixtures() {
        Set<String> covered = new LinkedHashSet<>();
        for (String file : fixtureFiles()) {
            JsonNode doc = fixture(file);
            covered.add(doc.path("family").asText());
            doc.path("covers").forEach(n -> covered.add(n.asText()));
        }
        Set<String> content = new LinkedHashSet<>(definitions.familyNames());
        definitions.delimited().forEach(d -> content.add(d.family()));
        assertThat(covered).as("families with fixtures").containsAll(content);
    }

    @TestFactory
    Stream<DynamicNode> fixtures() {
        return fixtureFiles().stream().map(file -> {
            JsonNode doc = fixture(file);
            String family = doc.path("family").asText();
            List<DynamicNode> nodes = new ArrayList<>();
            JsonNode cases = doc.path("cases");
            int[] passed = {0};
            for (JsonNode c : cases) {
                nodes.add(DynamicTest.dynamicTest(c.path("name").asText("case"), () -> {
                    String raw = c.has("raw") ? c.get("raw").asText() : JSON.writeValueAsString(c.get("json"));
                    List<String> rejected = new ArrayList<>();
                    List<Event> events = run(c.path("codec").asText("syslog"), raw.getBytes(StandardCharsets.UTF_8),
                            rejected);
                    JsonNode expect = c.path("expect");
                    if (expect.has("failure")) {
                        assertThat(events).as("expected a decode failure").isNull();
                        passed[0]++;
                        return;
                    }
                    assertThat(events).as("decoded events of %s", c.path("name").asText()).isNotNull();
                    assertThat(events).hasSize(expect.path("events").asInt(1));
                    assertThat(rejected).as("parts rejected to the failure store").hasSize(expect.path("rejected").asInt(0));
                    List<String> problems = check(events.getFirst(), expect);
                    assertThat(problems).as("%s / %s", family, c.path("name").asText()).isEmpty();
                    passed[0]++;
                }));
            }
            nodes.add(DynamicTest.dynamicTest("record own cases", () -> REPORT.merge(family,
                    "cases " + passed[0] + "/" + cases.size(), (a, b) -> a + "; " + b)));
            for (JsonNode sample : doc.path("samples")) {
                nodes.add(DynamicTest.dynamicTest("samples " + sample.path("path").asText(), () -> samples(family, sample)));
            }
            return DynamicContainer.dynamicContainer(family, nodes);
        });
    }

    private void samples(String family, JsonNode sample) throws IOException {
        Path shared = sharedData();
        Assumptions.assumeTrue(shared != null, "../shared/data not present: sample sets skipped");
        List<Sample> selected = readSamples(shared, sample);
        assertThat(selected).as("samples selected from %s", sample.path("path").asText()).isNotEmpty();
        int ok = 0;
        int events = 0;
        Map<String, Integer> excluded = new TreeMap<>();
        List<String> rejected = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (Sample s : selected) {
            if (s.notARecord() != null) {
                excluded.merge(s.notARecord(), 1, Integer::sum);
                continue;
            }
            List<String> parts = new ArrayList<>();
            List<Event> decoded = run(sample.path("codec").asText("syslog"), s.raw(), parts);
            rejected.addAll(parts);
            if (decoded == null) {
                events++;
                misses.add("failed: " + new String(s.raw(), StandardCharsets.UTF_8));
                continue;
            }
            for (Event event : decoded) {
                List<String> problems = check(event, sample.path("expect"));
                if (!problems.isEmpty() && s.negative() != null) {
                    excluded.merge(s.negative(), 1, Integer::sum);
                    continue;
                }
                events++;
                if (problems.isEmpty()) {
                    ok++;
                } else {
                    misses.add(problems + " in " + (decoded.size() > 1 ? "event " + event.fields()
                            : new String(event.raw(), StandardCharsets.UTF_8)));
                }
            }
        }
        double rate = events == 0 ? 0 : (double) ok / events;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %d/%d = %.1f%%",
                sample.path("path").asText(), ok, events, 100 * rate));
        excluded.forEach((reason, n) -> line.append(String.format(Locale.ROOT, " (+%d not counted: %s)", n, reason)));
        rejected.forEach(r -> line.append(" (+1 to the failure store: ").append(r).append(')'));
        REPORT.merge(family, line.toString(), (a, b) -> a + "; " + b);
        MISSES.computeIfAbsent(family + " " + sample.path("path").asText(), k -> new ArrayList<>()).addAll(misses);
        double minimum = sample.path("minimumRate").asDouble(1.0);
        assertThat(rate).as("%s decode rate over %s; first misses: %s", family, sample.path("path").asText(),
                misses.stream().limit(5).map(DecoderFixturesTest::abbreviate).toList()).isGreaterThanOrEqualTo(minimum);
    }

    /** Decodes and normalises; null when the decoder failed. Parts the decoder rejected go to {@code rejected}. */
    private List<Event> run(String codec, byte[] raw, List<String> rejected) {
        Decoder decoder = decoders.forCodec(codec).orElseThrow(() -> new AssertionError("no codec " + codec));
        TenantId tenant = TenantId.random();
        SourceRef source = new SourceRef("fixture", "fixture", codec);
        DecodeResult result = decoder.decode(new RawEvent(tenant, source, RECEIVED, raw));
        if (!(result instanceof DecodeResult.Decoded decoded)) {
            return null;
        }
        decoded.rejected().forEach(r -> rejected.add(r.reason() + ": " + new String(r.bytes(), StandardCharsets.UTF_8)));
        List<Event> out = new ArrayList<>();
        int i = 0;
        for (Map<String, Object> fields : decoded.events()) {
            Event event = new Event(EventId.of("fixture", 0, i++), tenant, source, RECEIVED, RECEIVED, fields, Map.of(), raw);
            out.add(((StageResult.Continue) normalizer.process(event)).event());
        }
        return out;
    }

    /** What of {@code expect} ({@code fields}, {@code common}: equal as text; {@code present}: common keys) is wrong. */
    static List<String> check(Event event, JsonNode expect) {
        List<String> problems = new ArrayList<>();
        expect.path("fields").properties().forEach(e -> {
            Object actual = lookup(event.fields(), e.getKey());
            if (actual == null || !text(actual).equals(e.getValue().asText())) {
                problems.add("fields." + e.getKey() + "=" + actual + " (expected " + e.getValue().asText() + ")");
            }
        });
        expect.path("common").properties().forEach(e -> {
            Object actual = event.common().get(e.getKey());
            if (actual == null || !text(actual).equals(e.getValue().asText())) {
                problems.add(e.getKey() + "=" + actual + " (expected " + e.getValue().asText() + ")");
            }
        });
        expect.path("present").forEach(key -> {
            if (!event.common().containsKey(key.asText())) {
                problems.add(key.asText() + " missing");
            }
        });
        return problems;
    }

    private static Object lookup(Map<String, Object> fields, String key) {
        if (fields.containsKey(key)) {
            return fields.get(key);
        }
        int dot = key.indexOf('.');
        while (dot > 0) {
            if (fields.get(key.substring(0, dot)) instanceof Map<?, ?> child) {
                @SuppressWarnings("unchecked")
                Object found = lookup((Map<String, Object>) child, key.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = key.indexOf('.', dot + 1);
        }
        return null;
    }

    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }

    /**
     * One selected sample: its raw bytes; why it is not a record of the set's family (null when it is); and, for a
     * line its source labels as a negative example, why a miss of it is not counted (null otherwise).
     */
    record Sample(byte[] raw, String notARecord, String negative) {
    }

    /** Every raw event of a shared sample set, whether or not it is a record of the set's family. */
    static List<byte[]> read(Path shared, JsonNode sample) throws IOException {
        return readSamples(shared, sample).stream().map(Sample::raw).toList();
    }

    /**
     * Raw events from a shared sample set. {@code reader}: {@code wazuh-cases} (cases.jsonl, every log line of the
     * cases whose decoder is in {@code select}; a line Wazuh's own test marks {@code fail} is Wazuh's negative
     * example for that decoder: counted when it decodes with the expected fields, else reported and not counted),
     * {@code panther} (the {@code log} object of each line, optionally
     * selected by a top-level field of the log), {@code lines} (each non-empty line), {@code file} (each file
     * whole, for formats whose header names the columns). A JSON sample that a rule of {@code notRecords} holds
     * for is not counted either: {@code {reason, field, notIn}} (the field is present and names another log type)
     * or {@code {reason, missingAll}} (none of the paths is present, case-insensitive).
     */
    static List<Sample> readSamples(Path shared, JsonNode sample) throws IOException {
        List<Sample> raws = new ArrayList<>();
        String reader = sample.path("reader").asText("lines");
        List<Path> files = new ArrayList<>();
        for (JsonNode p : sample.has("paths") ? sample.get("paths") : JSON.createArrayNode().add(sample.path("path"))) {
            String path = p.asText();
            if (path.endsWith("/")) {
                try (Stream<Path> list = Files.list(shared.resolve(path))) {
                    String suffix = sample.path("suffix").asText("");
                    list.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().forEach(files::add);
                }
            } else {
                files.add(shared.resolve(path));
            }
        }
        for (Path file : files) {
            switch (reader) {
                case "file" -> raws.add(new Sample(Files.readAllBytes(file), null, null));
                case "lines" -> Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                        .forEach(l -> raws.add(new Sample(l.getBytes(StandardCharsets.UTF_8), null, null)));
                case "wazuh-cases" -> {
                    Set<String> decoders = new LinkedHashSet<>();
                    sample.path("select").forEach(n -> decoders.add(n.asText()));
                    for (String line : Files.readAllLines(file)) {
                        JsonNode c = JSON.readTree(line);
                        if (decoders.contains(c.path("decoder").asText())) {
                            c.path("logs").forEach(log -> raws.add(new Sample(
                                    log.path("log").asText().getBytes(StandardCharsets.UTF_8), null,
                                    "fail".equals(log.path("outcome").asText())
                                            ? "Wazuh's own test marks the line 'fail': Wazuh does not decode it as "
                                            + c.path("decoder").asText() + " either" : null)));
                        }
                    }
                }
                case "panther" -> {
                    String field = sample.path("selectField").asText(null);
                    Set<String> values = new LinkedHashSet<>();
                    sample.path("select").forEach(n -> values.add(n.asText()));
                    for (String line : Files.readAllLines(file)) {
                        JsonNode log = JSON.readTree(line).path("log");
                        if (log.isObject() && (field == null || values.contains(log.path(field).asText()))) {
                            raws.add(new Sample(JSON.writeValueAsBytes(log), notARecord(log, sample.path("notRecords")), null));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown sample reader " + reader);
            }
        }
        return raws;
    }

    /** The reason of the first {@code notRecords} rule that holds for a JSON sample, or null. */
    static String notARecord(JsonNode log, JsonNode rules) {
        for (JsonNode rule : rules) {
            if (rule.has("field")) {
                JsonNode value = path(log, rule.get("field").asText());
                Set<String> allowed = new LinkedHashSet<>();
                rule.path("notIn").forEach(n -> allowed.add(n.asText()));
                if (value != null && !allowed.contains(value.asText())) {
                    return rule.path("reason").asText() + " (" + value.asText() + ")";
                }
            } else if (rule.has("missingAll")) {
                boolean none = true;
                for (JsonNode p : rule.get("missingAll")) {
                    none &= path(log, p.asText()) == null;
                }
                if (none) {
                    return rule.path("reason").asText();
                }
            }
        }
        return null;
    }

    /** A dotted path in a JSON object, keys compared ignoring case; null when absent or JSON null. */
    private static JsonNode path(JsonNode node, String dotted) {
        JsonNode current = node;
        for (String part : dotted.split("\\.")) {
            JsonNode next = null;
            for (var e : current.properties()) {
                if (e.getKey().equalsIgnoreCase(part)) {
                    next = e.getValue();
                    break;
                }
            }
            if (next == null || next.isNull()) {
                return null;
            }
            current = next;
        }
        return current;
    }

    @AfterAll
    static void writeReport() throws IOException {
        StringBuilder out = new StringBuilder("| family | result |\n|---|---|\n");
        REPORT.forEach((family, result) -> out.append("| ").append(family).append(" | ").append(result).append(" |\n"));
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("decoder-fixtures.md"), out.toString());
            StringBuilder misses = new StringBuilder();
            MISSES.forEach((set, list) -> list.forEach(m -> misses.append(set).append(": ").append(m).append('\n')));
            Files.writeString(target.resolve("decoder-fixtures-misses.txt"), misses.toString());
        }
        System.out.println("Decoder fixtures per family:\n" + out);
    }
}
