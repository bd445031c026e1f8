package io.vigil.server.hunt;

import static io.vigil.server.hunt.HuntCli.vigil;
import static io.vigil.server.hunt.HuntTestRules.ADMIN_EVENT;
import static io.vigil.server.hunt.HuntTestRules.ADMIN_ID;
import static io.vigil.server.hunt.HuntTestRules.ADMIN_PLACEHOLDER;
import static io.vigil.server.hunt.HuntTestRules.BENIGN_EVENT;
import static io.vigil.server.hunt.HuntTestRules.PING_EVENT;
import static io.vigil.server.hunt.HuntTestRules.PING_ID;
import static io.vigil.server.hunt.HuntTestRules.WHOAMI_EVENT;
import static io.vigil.server.hunt.HuntTestRules.WHOAMI_ID;
import static io.vigil.server.hunt.HuntTestRules.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil hunt} end to end, in-process, as an analyst runs it. */
class HuntCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void findsEverySigmaRegressionCaseRuleInItsDataAndExitsOne() throws IOException {
        List<String> expectedIds = new ArrayList<>();
        HuntCli.Run run = vigil(regressionHunt(dir.resolve("out.jsonl"), expectedIds).toArray());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        List<JsonNode> findings = findings(dir.resolve("out.jsonl"));
        assertThat(findings).extracting(f -> f.get("rule_id").asText()).containsAll(expectedIds);
        assertThat(expectedIds).hasSizeGreaterThan(90);
        JsonNode first = findings.getFirst();
        assertThat(first.get("author").asText()).isNotBlank();
        assertThat(first.get("file").asText()).endsWith(".jsonl");
        assertThat(first.get("line").asLong()).isPositive();
        assertThat(first.get("event").has("Event")).isTrue();
        assertThat(run.err()).contains("Hunt summary").contains("by ATT&CK tactic").contains("events/s");
    }

    @Test
    void oneThreadAndAPoolWriteTheSameFindings() throws IOException {
        // One thread evaluates each event as it is decoded; a pool evaluates batches and writes them back in order.
        List<Object> one = regressionHunt(dir.resolve("one.jsonl"), new ArrayList<>());
        one.addAll(List.of("--threads", "1"));
        List<Object> pool = regressionHunt(dir.resolve("pool.jsonl"), new ArrayList<>());
        pool.addAll(List.of("--threads", "3"));

        assertThat(vigil(one.toArray()).exit()).isEqualTo(1);
        assertThat(vigil(pool.toArray()).exit()).isEqualTo(1);

        List<String> written = Files.readAllLines(dir.resolve("one.jsonl"));
        assertThat(written).hasSizeGreaterThan(90);
        assertThat(Files.readAllLines(dir.resolve("pool.jsonl"))).isEqualTo(written);
    }

    /** A hunt of every evtx case of the SigmaHQ regression set with its rule; adds the cases' rule ids to {@code ids}. */
    private static List<Object> regressionHunt(Path out, List<String> ids) throws IOException {
        Path shared = HuntCli.sharedData();
        List<Object> args = new ArrayList<>(List.of("hunt", "--quiet", "-o", out));
        for (String line : Files.readAllLines(shared.resolve("sigma-regression-dev/cases.jsonl"))) {
            JsonNode testCase = JSON.readTree(line);
            if (testCase.get("test_type").asText().equals("evtx")) {
                args.add("--rules");
                args.add(shared.resolve(testCase.get("rule_path").asText()));
                ids.add(testCase.get("rule_id").asText());
            }
        }
        args.add(shared.resolve("sigma-regression-dev/data"));
        return args;
    }

    @Test
    void benignInputExitsZeroAndPrintsTheSummaryOnStdout() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        Path logs = write(dir, "logs/host1/sysmon.jsonl", BENIGN_EVENT + "\n" + BENIGN_EVENT + "\n");

        HuntCli.Run run = vigil("hunt", "-r", rules, dir.resolve("logs"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("events       2").contains("detections   0 in 0 events")
                .containsPattern("2 run, 0 filtered out, 0 rejected, loaded in [0-9]+\\.[0-9]{2} s");
        assertThat(logs).exists();
    }

    @Test
    void routesEventsToTheRulesOfTheirLogsourceUnlessToldNotTo() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        Path logs = write(dir, "logs/flat.jsonl", PING_EVENT + "\n");

        assertThat(vigil("hunt", "-r", rules, logs).exit()).as("a flat event names no logsource, so no rule admits it")
                .isZero();
        assertThat(vigil("hunt", "--no-routing", "-r", rules, logs).exit()).isEqualTo(1);
    }

    @Test
    void readsGzipJsonArraysSingleObjectsAndNdjsonInFileOrder() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        gzip(dir.resolve("logs/a-array.json.gz"), "[\n" + BENIGN_EVENT + ",\n" + WHOAMI_EVENT + "\n]\n");
        write(dir, "logs/b-single.json", "{\n  \"@timestamp\": \"t\",\n  \"CommandLine\": \"ping x\"\n}\n");
        gzip(dir.resolve("logs/c-lines.ndjson.gz"), BENIGN_EVENT + "\n" + PING_EVENT + "\n");
        write(dir, "logs/ignored.txt", WHOAMI_EVENT);

        HuntCli.Run run = vigil("hunt", "--no-routing", "-r", rules, "-o", "-", "--threads", "2", dir.resolve("logs"));

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        List<JsonNode> findings = run.out().lines().map(HuntCommandTest::json).toList();
        assertThat(findings).extracting(f -> f.get("rule_id").asText() + "@" + Path.of(f.get("file").asText())
                        .getFileName() + ":" + f.get("line").asLong())
                .containsExactly(WHOAMI_ID + "@a-array.json.gz:3", PING_ID + "@b-single.json:1",
                        PING_ID + "@c-lines.ndjson.gz:2");
        assertThat(findings.getFirst().get("event_time").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(findings.getFirst().get("matched_fields").toString()).isEqualTo("[\"Image\"]");
        assertThat(run.err()).contains("files        3").contains("events       5");
    }

    @Test
    void reportsBadRecordsWithFileAndLineAndKeepsScanning() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        Path logs = write(dir, "events.jsonl", BENIGN_EVENT + "\n{\"truncated\": \n[1,2]\n\n"
                + "{\"big\":\"" + "x".repeat(2000) + "\"}\n" + WHOAMI_EVENT + "\n");

        HuntCli.Run run = vigil("hunt", "-r", rules, "--max-record-bytes", "1024", logs);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("events.jsonl:2: ").contains("events.jsonl:3: not a JSON object")
                .contains("events.jsonl:5: line longer than 1024 bytes");
        assertThat(run.out()).contains("bad records  3").contains("events       2")
                .contains("detections   1 in 1 events");
    }

    @Test
    void invalidJsonDocumentStopsThatFileOnlyAndExitsTwoWhenNothingFound() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        write(dir, "logs/a.json", "[" + BENIGN_EVENT + ",\n{oops}\n," + WHOAMI_EVENT + "]");
        write(dir, "logs/b.jsonl", BENIGN_EVENT + "\n");

        HuntCli.Run run = vigil("hunt", "-r", rules, dir.resolve("logs"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("a.json:2: invalid JSON, rest of file skipped");
        assertThat(run.out()).contains("incomplete   1 files").contains("events       2");
    }

    @Test
    void writesCsvWithAHeaderQuotedFieldsAndDefusedFormulas() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        Path logs = write(dir, "logs.jsonl", WHOAMI_EVENT + "\n" + PING_EVENT + "\n");
        Path csv = dir.resolve("out.csv");

        HuntCli.Run run = vigil("hunt", "--no-routing", "-r", rules, "--format", "csv", "--output", csv, logs);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).isEqualTo("\"rule_id\",\"title\",\"level\",\"status\",\"author\",\"tags\","
                + "\"matched_fields\",\"file\",\"line\",\"event_time\"");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("\"" + WHOAMI_ID + "\",\"Whoami Execution\",\"high\",\"test\","
                + "\"Vigil tests\",\"attack.discovery;attack.t1033\",\"Image\",");
        assertThat(lines.get(2)).contains("\"Ping \"\"Sweep\"\", quoted\"").endsWith(",\"2\",\"2024-05-01T10:01:00Z\"");
        assertThat(run.err()).contains("Hunt summary");
    }

    @Test
    void minLevelAndStatusChooseWhichRulesRun() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        Path logs = write(dir, "logs.jsonl", WHOAMI_EVENT + "\n" + PING_EVENT + "\n");

        HuntCli.Run high = vigil("hunt", "--no-routing", "-r", rules, "--min-level", "medium", "-o", "-", logs);
        HuntCli.Run experimental = vigil("hunt", "--no-routing", "-r", rules, "--status", "experimental,deprecated", "-o", "-", logs);
        HuntCli.Run none = vigil("hunt", "-r", rules, "--min-level", "critical", logs);

        assertThat(high.out()).contains(WHOAMI_ID).doesNotContain(PING_ID);
        assertThat(high.err()).contains("1 run, 1 filtered out");
        assertThat(experimental.out()).contains(PING_ID).doesNotContain(WHOAMI_ID);
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no rules to run");
    }

    @Test
    void placeholdersFileResolvesAnExpandRule() throws IOException {
        write(dir, "rules/admin.yml", ADMIN_PLACEHOLDER);
        Path logs = write(dir, "security.jsonl", ADMIN_EVENT + "\n");
        Path values = write(dir, "placeholders.yml", "'%admins%': ['adm-*', root]\nunused: one\n");

        HuntCli.Run without = vigil("hunt", "-r", dir.resolve("rules"), logs);
        HuntCli.Run with = vigil("hunt", "-r", dir.resolve("rules"), "--placeholders", values, "-o", "-", logs);

        assertThat(without.exit()).isEqualTo(2);
        assertThat(without.err()).contains("rejected").contains("unresolved placeholder %admins%");
        assertThat(with.exit()).as(with.err()).isEqualTo(1);
        assertThat(with.out()).contains(ADMIN_ID);
    }

    @Test
    void countsDetectionsByAttackTacticWithUnknownTechniques() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        Path logs = write(dir, "logs.jsonl", PING_EVENT + "\n" + WHOAMI_EVENT + "\n");

        HuntCli.Run run = vigil("hunt", "--no-routing", "-r", rules, logs);

        assertThat(run.out()).containsPattern("2  discovery").containsPattern("1  unknown")
                .contains("by level     critical 0  high 1  medium 0  low 1  informational 0");
    }

    @Test
    void missingPathsAndBadOptionsExitTwo() throws IOException {
        Path rules = HuntTestRules.rules(dir);

        assertThat(vigil("hunt", "-r", rules, dir.resolve("nope")).exit()).isEqualTo(2);
        assertThat(vigil("hunt", "-r", dir.resolve("nope"), dir).exit()).isEqualTo(2);
        assertThat(vigil("hunt", "-r", rules, "--min-level", "severe", dir).exit()).isEqualTo(2);
        assertThat(vigil("hunt", dir).exit()).isEqualTo(2);
        HuntCli.Run empty = vigil("hunt", "-r", rules, rules);
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no log files found");
        assertThat(vigil("hunt", dir).err()).contains("missing required option --rules");
    }

    @Test
    void noRulesScansEveryEventAndFindsNothing() throws IOException {
        Path logs = write(dir, "logs.jsonl", WHOAMI_EVENT + "\n" + PING_EVENT + "\n");

        HuntCli.Run run = vigil("hunt", "--no-rules", logs);
        HuntCli.Run both = vigil("hunt", "--no-rules", "-r", HuntTestRules.rules(dir), logs);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("events +2").contains("0 run").containsPattern("detections +0");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--no-rules and --rules exclude each other");
    }

    @Test
    void passesScanTheInputsAgainAndWriteTheFindingsOfTheLastScanOnly() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        Path logs = write(dir, "logs.jsonl", WHOAMI_EVENT + "\n" + BENIGN_EVENT + "\n" + WHOAMI_EVENT + "\n");
        Path out = dir.resolve("out.jsonl");

        HuntCli.Run run = vigil("hunt", "--passes", "3", "-r", rules, "-o", out, logs);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).containsPattern("warm-up pass 1: 3 events, 2 detections, elapsed [0-9.]+ s")
                .containsPattern("warm-up pass 2: 3 events, 2 detections")
                .doesNotContain("warm-up pass 3")
                .containsPattern("events +3").containsPattern("detections +2 in 2 events");
        assertThat(findings(out)).extracting(f -> f.get("rule_id").asText()).containsExactly(WHOAMI_ID, WHOAMI_ID);
        assertThat(vigil("hunt", "--passes", "0", "-r", rules, logs).err()).contains("--passes must be at least 1");
    }

    private static List<JsonNode> findings(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(HuntCommandTest::json).toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }

    private static void gzip(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
