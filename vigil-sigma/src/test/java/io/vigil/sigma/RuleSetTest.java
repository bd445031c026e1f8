package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.event.MapEventFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    @Test
    void detectionsCarryRuleAttributionAndTheFieldsThatMatched() {
        SigmaRule whoami = TestRules.rule("""
                selection:
                    Image|endswith: '\\whoami.exe'
                    CommandLine|contains: '/all'
                filter:
                    User: 'SYSTEM'
                condition: selection and not filter
                """);
        SigmaRule other = TestRules.rule("""
                selection:
                    Image|endswith: '\\calc.exe'
                condition: selection
                """);
        RuleSet rules = RuleSet.of(List.of(whoami, other));

        List<Detection> detections = rules.evaluate(new MapEventFields(
                Map.of("Image", "C:\\Windows\\whoami.exe", "CommandLine", "whoami /all", "User", "bob")));

        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo(whoami.id());
            assertThat(d.author()).isEqualTo("Jane Doe, John Roe");
            assertThat(d.level()).isEqualTo("high");
            assertThat(d.status()).isEqualTo("test");
            assertThat(d.tags()).containsExactly("attack.execution", "attack.t1059");
            assertThat(d.references()).containsExactly("https://example.org/research");
            assertThat(d.matchedFields()).containsExactly("Image", "CommandLine");
        });
    }

    @Test
    void matchedFieldsOnlyComeFromTheBranchThatMadeTheConditionTrue() {
        SigmaRule rule = TestRules.rule("""
                a:
                    Image|endswith: '\\x.exe'
                    User: 'nobody'
                b:
                    CommandLine|contains: 'evil'
                condition: a or b
                """);
        Match match = rule.matches(new MapEventFields(Map.of("Image", "C:\\x.exe", "CommandLine", "evil"))).orElseThrow();
        assertThat(match.fields()).containsExactly("CommandLine");
    }

    @Test
    void evaluatesEveryRuleWithoutLogsourceRouting() {
        // Documented limitation: routing by logsource is not done yet, so a negation-only rule fires on any event.
        SigmaRule negationOnly = TestRules.rule("""
                selection:
                    SourceIp|cidr: '10.0.0.0/8'
                condition: not selection
                """);
        assertThat(RuleSet.of(List.of(negationOnly)).evaluate(new MapEventFields(Map.of("Image", "x"))))
                .singleElement().satisfies(d -> assertThat(d.matchedFields()).isEmpty());
    }
}
