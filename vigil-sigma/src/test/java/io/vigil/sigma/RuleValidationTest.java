package io.vigil.sigma;

import static io.vigil.sigma.TestRules.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad rule is rejected at load, with all of its problems and where they are. */
class RuleValidationTest {

    @Test
    void collectsEveryProblemOfTheRule() {
        String yaml = """
                title: ''
                id: not-a-uuid
                level: severe
                logsource:
                    product: windows
                detection:
                    sel:
                        CommandLine|contians: 'x'
                        Image|re: '(?<=x)y'
                    condition: sel and missing
                """;
        RuleLoad load = SigmaRules.parse(yaml, "bad.yml");
        assertThat(load).isInstanceOfSatisfying(RuleLoad.Rejected.class, rejected -> {
            assertThat(rejected.origin()).isEqualTo("bad.yml");
            assertThat(rejected.problems()).extracting(Problem::location).containsExactly(
                    "title", "id", "level", "detection.sel.CommandLine|contians", "detection.sel.Image|re",
                    "detection.condition");
            assertThat(rejected.problems().get(3).line()).hasValue(8);
        });
    }

    @Test
    void requiresTitleLogsourceDetectionAndCondition() {
        RuleLoad load = SigmaRules.parse("""
                description: nothing else
                detection:
                    sel:
                        A: 1
                """, "empty.yml");
        assertThat(load).isInstanceOfSatisfying(RuleLoad.Rejected.class, rejected ->
                assertThat(rejected.problems()).extracting(Problem::message).containsExactly(
                        "'title' is required", "'logsource' is required", "'condition' is required"));
    }

    @Test
    void rejectsMultiDocumentRuleCollectionsWithAReason() {
        RuleLoad load = SigmaRules.parse("""
                title: one
                ---
                title: two
                """, "collection.yml");
        assertThat(load).isInstanceOfSatisfying(RuleLoad.Rejected.class, rejected ->
                assertThat(rejected.problems()).singleElement().extracting(Problem::message).asString()
                        .contains("rule collections (multi-document files) are not supported"));
    }

    @Test
    void rejectsInvalidYamlWithItsLine() {
        RuleLoad load = SigmaRules.parse("title: x\ndetection: [unclosed\n", "broken.yml");
        assertThat(load).isInstanceOfSatisfying(RuleLoad.Rejected.class, rejected ->
                assertThat(rejected.problems()).singleElement().satisfies(p -> {
                    assertThat(p.location()).isEqualTo("$");
                    assertThat(p.line()).hasValue(3);
                    assertThat(p.message()).startsWith("invalid YAML at column 1");
                }));
    }

    @Test
    void rejectsDuplicateKeysThatYamlLoadersWouldSilentlyMerge() {
        assertThat(problems("""
                sel:
                    Image: 'a'
                    Image: 'b'
                condition: sel
                """)).extracting(Problem::message).containsExactly("duplicate key 'Image'");
    }

    @Test
    void rejectsRulesOverTheSizeLimit() {
        SigmaOptions small = new SigmaOptions(java.util.Map.of(),
                new SigmaLimits(1000, 10, 100, 8, 10, 100));
        RuleLoad load = SigmaRules.parse(TestRules.yaml("sel:\n    A: '" + "x".repeat(2000) + "'\ncondition: sel\n"),
                "big.yml", small);
        assertThat(load).isInstanceOfSatisfying(RuleLoad.Rejected.class, rejected ->
                assertThat(rejected.problems()).singleElement().extracting(Problem::message).asString()
                        .contains("more than the limit of 1000"));
    }

    @Test
    void rejectsTooManyValuesForOneField() {
        SigmaOptions small = new SigmaOptions(java.util.Map.of(), new SigmaLimits(100_000, 3, 100, 8, 10, 100));
        List<Problem> problems = problems("""
                sel:
                    A:
                        - 1
                        - 2
                        - 3
                        - 4
                condition: sel
                """, small);
        assertThat(problems).extracting(Problem::message).containsExactly("lists 4 values, more than the limit of 3");
    }

    @Test
    void rejectsCombinatorialExplosionOfWindashAndBase64offset() {
        // 6 dashes give 5^6 = 15,625 windash variants; base64offset triples that past the 16,384 default.
        List<Problem> tripled = problems("""
                sel:
                    CommandLine|windash|base64offset|contains: '-a -b -c -d -e -f'
                condition: sel
                """);
        assertThat(tripled).extracting(Problem::message)
                .containsExactly("'base64offset' expands to more than 16384 values");
        List<Problem> windash = problems("""
                sel:
                    CommandLine|windash|contains: '-a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t'
                condition: sel
                """);
        assertThat(windash).extracting(Problem::message).containsExactly("windash permutations exceed 16384 values");
    }

    @Test
    void rejectsModifierCombinationsThatMeanNothing() {
        assertThat(problems("""
                sel:
                    A|re|contains: 'x'
                    B|i: 'x'
                    C|cidr|contains: '10.0.0.0/8'
                    D|contains|base64: 'x'
                    E|contains|startswith: 'x'
                    F|gt|contains: 5
                condition: sel
                """)).extracting(Problem::location).containsExactly(
                        "detection.sel.A|re|contains", "detection.sel.B|i", "detection.sel.C|cidr|contains",
                        "detection.sel.D|contains|base64", "detection.sel.E|contains|startswith",
                        "detection.sel.F|gt|contains");
    }

    @Test
    void keepsTheMetadataAndAuthorOfALoadedRule() {
        SigmaRule rule = TestRules.rule("""
                sel:
                    A: 1
                condition: sel
                """);
        assertThat(rule.id()).isEqualTo("5f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7b");
        assertThat(rule.author()).isEqualTo("Jane Doe, John Roe");
        assertThat(rule.level()).isEqualTo("high");
        assertThat(rule.status()).isEqualTo("test");
        assertThat(rule.tags()).containsExactly("attack.execution", "attack.t1059");
        assertThat(rule.references()).containsExactly("https://example.org/research");
        assertThat(rule.logsource()).isEqualTo(new LogSource("windows", "process_creation", null, null));
        assertThat(rule.origin()).isEqualTo("test.yml");
    }
}
