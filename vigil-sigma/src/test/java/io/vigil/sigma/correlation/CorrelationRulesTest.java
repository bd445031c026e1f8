package io.vigil.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CorrelationRulesTest {

    static Path specExamples() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        return root.resolve("sigma-specification/tests/schema/correlation");
    }

    static Stream<Path> specExampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(specExamples())) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("specExampleFiles")
    void loadsEverySpecExample(Path file) throws IOException {
        CorrelationLoad load = CorrelationRules.parse(Files.readString(file), file.toString());

        assertThat(load).as(load.toString()).isInstanceOf(CorrelationLoad.Loaded.class);
        CorrelationRule rule = ((CorrelationLoad.Loaded) load).rule();
        assertThat(rule.type().yamlName()).isEqualTo(file.getFileName().toString()
                .replace("_ecs.yml", "").replace(".yml", ""));
        assertThat(rule.groupBy()).isNotEmpty();
    }

    @Test
    void readsEveryAttributeOfAValueCountRule() throws IOException {
        CorrelationRule rule = loaded(Files.readString(specExamples().resolve("value_count.yml")));

        assertThat(rule.id()).isEqualTo("0e95725d-7320-415d-80f7-004da920fc12");
        assertThat(rule.rules()).containsExactly("5638f7c0-ac70-491d-8465-2a65075e0d86");
        assertThat(rule.groupBy()).containsExactly("ComputerName", "WorkstationName");
        assertThat(rule.timespan()).isEqualTo(Duration.ofDays(1));
        assertThat(rule.fields()).containsExactly("User");
        assertThat(rule.condition().bounds()).containsExactly(new Threshold.Bound(Threshold.Operator.GTE, 100));
        assertThat(rule.generate()).isFalse();
    }

    @Test
    void temporalWithoutConditionNeedsEveryReferencedRule() throws IOException {
        CorrelationRule rule = loaded(Files.readString(specExamples().resolve("temporal.yml")));

        assertThat(rule.condition()).isEqualTo(Threshold.atLeast(3));
        assertThat(rule.timespan()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void resolvesNamesAndAliasesAndReadsGenerateAndARange() {
        RuleReferences known = RuleReferences.none()
                .withName("internal_error", "11111111-1111-1111-1111-111111111111")
                .withName("new_network_connection", "22222222-2222-2222-2222-222222222222");
        CorrelationLoad load = CorrelationRules.parse("""
                title: internal error then connection
                name: err_conn
                level: high
                generate: true
                correlation:
                    type: event_count
                    rules:
                        - internal_error
                        - new_network_connection
                    group-by:
                        - internal_ip
                    timespan: 90m
                    condition:
                        gt: 100
                        lte: 200
                    aliases:
                        internal_ip:
                            internal_error: destination.ip
                            new_network_connection: source.ip
                """, "err_conn.yml", known);

        CorrelationRule rule = ((CorrelationLoad.Loaded) load).rule();
        assertThat(rule.rules()).containsExactly("11111111-1111-1111-1111-111111111111",
                "22222222-2222-2222-2222-222222222222");
        assertThat(rule.fieldFor("internal_ip", "11111111-1111-1111-1111-111111111111")).isEqualTo("destination.ip");
        assertThat(rule.fieldFor("internal_ip", "22222222-2222-2222-2222-222222222222")).isEqualTo("source.ip");
        assertThat(rule.generate()).isTrue();
        assertThat(rule.key()).isEqualTo("err_conn");
        assertThat(rule.timespan()).isEqualTo(Duration.ofMinutes(90));
        assertThat(rule.condition().test(100)).isFalse();
        assertThat(rule.condition().test(101)).isTrue();
        assertThat(rule.condition().test(200)).isTrue();
        assertThat(rule.condition().test(201)).isFalse();
    }

    @Test
    void rejectsWithEveryProblemAndItsLocation() {
        CorrelationLoad load = CorrelationRules.parse("""
                correlation:
                    type: event_sum
                    rules:
                        - unknown_rule
                        - failed_login
                    timespan: 5 minutes
                    condition:
                        gte: many
                        above: 3
                    aliases:
                        ip:
                            not_referenced: source.ip
                generate: maybe
                """, "bad.yml", RuleReferences.none().withName("failed_login", "f"));

        assertThat(load).isInstanceOf(CorrelationLoad.Rejected.class);
        List<Problem> problems = ((CorrelationLoad.Rejected) load).problems();
        assertThat(problems).extracting(Problem::location).contains("title", "correlation.type",
                "correlation.rules[0]", "correlation.timespan", "correlation.condition.gte",
                "correlation.condition.above", "correlation.aliases.ip.not_referenced", "generate");
        assertThat(problems).filteredOn(p -> p.location().equals("correlation.rules[0]")).singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).hasValue(4);
                    assertThat(p.message()).contains("unknown rule 'unknown_rule'");
                });
    }

    @Test
    void rejectsValueTypesWithoutFieldAndCountsWithoutCondition() {
        assertThat(problems("""
                title: t
                correlation:
                    type: value_sum
                    rules: [r]
                    timespan: 1h
                    condition:
                        gt: 1
                """)).extracting(Problem::location).containsExactly("correlation.condition.field");
        assertThat(problems("""
                title: t
                correlation:
                    type: event_count
                    rules: [r]
                    timespan: 1h
                """)).extracting(Problem::message).containsExactly("'condition' is required for event_count");
    }

    @Test
    void rejectsMultiDocumentCollectionsAndDuplicateKeys() {
        assertThat(problems("title: a\n---\ntitle: b\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("2 YAML documents"));
        assertThat(problems("""
                title: t
                correlation:
                    type: temporal
                    type: temporal
                    rules: [a, b]
                    timespan: 1h
                """)).extracting(Problem::location).containsExactly("correlation.type");
    }

    private static List<Problem> problems(String yaml) {
        CorrelationLoad load = CorrelationRules.parse(yaml, "test.yml");
        assertThat(load).isInstanceOf(CorrelationLoad.Rejected.class);
        return ((CorrelationLoad.Rejected) load).problems();
    }

    static CorrelationRule loaded(String yaml) {
        CorrelationLoad load = CorrelationRules.parse(yaml, "test.yml");
        assertThat(load).as(load.toString()).isInstanceOf(CorrelationLoad.Loaded.class);
        return ((CorrelationLoad.Loaded) load).rule();
    }
}
