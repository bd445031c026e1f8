package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.MapEventFields;
import io.vigil.sigma.event.WindowsEventFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SigmaHQ's true-positive regression cases: each rule matches at least the expected number of its events.
 * The events are already filtered to the rule's logsource upstream, so no logsource routing is applied here.
 */
class RegressionCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FOLDER = SharedData.root().resolve("sigma-regression-dev");

    static Stream<Arguments> cases() throws IOException {
        return Files.readAllLines(FOLDER.resolve("cases.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(line -> {
                    try {
                        JsonNode node = JSON.readTree(line);
                        return Arguments.of(Named.of(node.get("case_id").asText(), node));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleMatchesAtLeastTheExpectedEvents(JsonNode testCase) throws IOException {
        Path rulePath = SharedData.root().resolve(testCase.get("rule_path").asText());
        RuleLoad load = SigmaRules.parse(Files.readString(rulePath, StandardCharsets.UTF_8), rulePath.toString());
        assertThat(load).isInstanceOf(RuleLoad.Loaded.class);
        SigmaRule rule = ((RuleLoad.Loaded) load).rule();
        assertThat(rule.id()).isEqualTo(testCase.get("rule_id").asText());

        Path events = FOLDER.resolve(testCase.get("events_file").asText());
        boolean raw = testCase.get("test_type").asText().equals("raw");
        long matches = 0;
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            EventFields event = raw ? new MapEventFields(Map.of("message", line))
                    : new WindowsEventFields(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
            if (rule.matches(event).isPresent()) {
                matches++;
            }
        }
        assertThat(matches).as("matches of %s in %s", rule.title(), events.getFileName())
                .isGreaterThanOrEqualTo(testCase.get("expected_min_matches").asLong());
    }

}
