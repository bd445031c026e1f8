package io.vigil.server.hunt;

import static io.vigil.server.hunt.HuntCli.vigil;
import static io.vigil.server.hunt.HuntTestRules.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sigma correlation rules in {@code vigil hunt}: brute force, then a logon, over Windows Security events. */
class HuntCorrelationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILED_ID = "44444444-4444-4444-8444-444444444444";
    private static final String SUCCESS_ID = "55555555-5555-4555-8555-555555555555";

    private static final String FAILED = logonRule("Failed logon", FAILED_ID, "failed_logon", "low", 4625);
    private static final String SUCCESS = logonRule("Successful logon", SUCCESS_ID, "success_logon",
            "informational", 4624);

    private static final String BRUTE_FORCE = """
            title: Many failed logons for one account
            id: brute-force
            name: brute_force
            level: medium
            author: Vigil tests
            correlation:
              type: event_count
              rules:
                - failed_logon
              group-by:
                - TargetUserName
              timespan: 5m
              condition:
                gte: 3
            """;

    /** Chained on the correlation above; generates, so its inputs are reported too (the failed logons are not). */
    private static final String THEN_SUCCESS = """
            title: Brute force, then a successful logon
            id: brute-force-then-success
            level: high
            author: Vigil tests
            generate: true
            correlation:
              type: temporal_ordered
              rules:
                - brute_force
                - success_logon
              group-by:
                - TargetUserName
              timespan: 10m
            """;

    @TempDir
    Path dir;

    private static String logonRule(String title, String id, String name, String level, int eventId) {
        return """
                title: %s
                id: %s
                name: %s
                status: test
                level: %s
                author: Vigil tests
                logsource: {product: windows, service: security}
                detection:
                  selection:
                    EventID: %d
                  condition: selection
                """.formatted(title, id, name, level, eventId);
    }

    private static String logon(int eventId, String user, String time) {
        return """
                {"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Security-Auditing"}}, \
                "EventID": %d, "Channel": "Security", "Computer": "DC1", \
                "TimeCreated": {"#attributes": {"SystemTime": "%s"}}}, \
                "EventData": {"TargetUserName": "%s", "IpAddress": "10.0.0.5"}}}
                """.formatted(eventId, time, user).strip();
    }

    private Path rules() throws IOException {
        write(dir, "rules/failed.yml", FAILED);
        write(dir, "rules/success.yml", SUCCESS);
        // The chain sorts before what it references: loading must not depend on file order.
        write(dir, "rules/a-then-success.yml", THEN_SUCCESS);
        write(dir, "rules/brute-force.yml", BRUTE_FORCE);
        return dir.resolve("rules");
    }

    private Path logs() throws IOException {
        write(dir, "logs/a.jsonl", String.join("\n",
                logon(4625, "alice", "2024-05-01T10:00:00Z"),
                logon(4625, "alice", "2024-05-01T10:01:00Z"),
                logon(4625, "bob", "2024-05-01T10:01:30Z"),
                logon(4625, "alice", "2024-05-01T10:02:00Z"),
                logon(4624, "alice", "2024-05-01T10:03:00Z")) + "\n");
        return dir.resolve("logs");
    }

    @Test
    void reportsCorrelationsAndWithholdsWhatTheyConsumeAsTheSpecSays() throws IOException {
        Path out = dir.resolve("out.jsonl");

        HuntCli.Run run = vigil("hunt", "--quiet", "-r", rules(), "-o", out, logs());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        List<JsonNode> lines = lines(out);
        assertThat(lines).extracting(l -> l.get("kind").asText() + ":" + id(l)).containsExactly(
                "correlation:brute-force",
                "detection:" + SUCCESS_ID,
                "correlation:brute-force-then-success");
        JsonNode bruteForce = lines.getFirst();
        assertThat(bruteForce.get("group_by").get("TargetUserName").asText()).isEqualTo("alice");
        assertThat(bruteForce.get("value").asDouble()).isEqualTo(3);
        assertThat(bruteForce.get("window_start").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(bruteForce.get("window_end").asText()).isEqualTo("2024-05-01T10:02:00Z");
        assertThat(bruteForce.get("author").asText()).isEqualTo("Vigil tests");
        assertThat(bruteForce.get("line").asLong()).as("the event that completed it").isEqualTo(4);
        assertThat(lines.getLast().get("rules")).hasSize(2);
        assertThat(run.err()).contains("correlations 2 loaded, 2 fired")
                .contains("Brute force, then a successful logon (brute-force-then-success)")
                .containsPattern("detections +1 in 1 events");
    }

    @Test
    void theLevelFilterChoosesWhatIsReportedButTheRulesACorrelationNeedsStillRun() throws IOException {
        Path out = dir.resolve("out.csv");

        HuntCli.Run run = vigil("hunt", "--quiet", "--min-level", "high", "-f", "csv", "-r", rules(), "-o", out,
                logs());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).startsWith("\"brute-force-then-success\",\"Brute force, then a successful logon\","
                + "\"high\"").contains("\"TargetUserName=alice\"").endsWith("\"2024-05-01T10:03:00Z\"");
    }

    @Test
    void aCountedEventReadLateStillCountsInItsOwnWindow() throws IOException {
        // The third failed logon comes in a later file but happened within the five minutes.
        write(dir, "logs/a.jsonl", logon(4625, "carol", "2024-05-01T11:00:00Z") + "\n"
                + logon(4625, "carol", "2024-05-01T11:04:00Z") + "\n");
        write(dir, "logs/b.jsonl", logon(4625, "carol", "2024-05-01T11:02:00Z") + "\n");
        Path out = dir.resolve("out.jsonl");

        HuntCli.Run run = vigil("hunt", "--quiet", "-r", rules(), "-o", out, dir.resolve("logs"));

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(lines(out)).extracting(HuntCorrelationTest::id).containsExactly("brute-force");
        assertThat(lines(out).getFirst().get("file").asText()).endsWith("b.jsonl");
    }

    @Test
    void rulesValidateLoadsCorrelationsAndRejectsOneWithAnUnknownReference() throws IOException {
        Path folder = rules();
        write(dir, "rules/orphan.yml", BRUTE_FORCE.replace("id: brute-force", "id: orphan")
                .replace("name: brute_force", "name: orphan").replace("- failed_logon", "- no_such_rule"));

        HuntCli.Run run = vigil("rules", "validate", folder);

        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("rejected " + folder.resolve("orphan.yml")).contains("no_such_rule")
                .contains("5 rules: 4 loaded, 1 rejected");
    }

    private static String id(JsonNode line) {
        return line.has("rule_id") ? line.get("rule_id").asText() : line.get("correlation_id").asText();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalStateException(line, e);
            }
        }).toList();
    }
}
