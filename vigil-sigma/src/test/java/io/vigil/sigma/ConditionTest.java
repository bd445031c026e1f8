package io.vigil.sigma;

import static io.vigil.sigma.TestRules.matches;
import static io.vigil.sigma.TestRules.problems;
import static io.vigil.sigma.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.sigma.condition.Condition;
import io.vigil.sigma.condition.ConditionParser;
import io.vigil.sigma.condition.ConditionSyntaxException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The condition grammar and its evaluation. */
class ConditionTest {

    private static final List<String> IDS = List.of("a", "b", "c", "selection_1", "selection_2", "_helper", "filter");

    @Test
    void orBindsLooserThanAndWhichBindsLooserThanNot() throws ConditionSyntaxException {
        Condition parsed = ConditionParser.parse("a or b and not c", IDS, 64);
        assertThat(parsed).isEqualTo(new Condition.Or(List.of(new Condition.Identifier("a"),
                new Condition.And(List.of(new Condition.Identifier("b"),
                        new Condition.Not(new Condition.Identifier("c")))))));
    }

    @Test
    void parenthesesOverridePrecedence() throws ConditionSyntaxException {
        Condition parsed = ConditionParser.parse("(a or b) and c", IDS, 64);
        assertThat(parsed).isEqualTo(new Condition.And(List.of(
                new Condition.Or(List.of(new Condition.Identifier("a"), new Condition.Identifier("b"))),
                new Condition.Identifier("c"))));
    }

    @Test
    void notBindsLooserThanOf() throws ConditionSyntaxException {
        Condition parsed = ConditionParser.parse("not 1 of selection_*", IDS, 64);
        assertThat(parsed).isEqualTo(new Condition.Not(new Condition.Quantified(
                Condition.Quantifier.ONE, "selection_*", List.of("selection_1", "selection_2"))));
    }

    @Test
    void themExcludesUnderscoreIdentifiersButPatternsDoNot() throws ConditionSyntaxException {
        assertThat(ConditionParser.parse("all of them", IDS, 64)).isEqualTo(new Condition.Quantified(
                Condition.Quantifier.ALL, "them", List.of("a", "b", "c", "selection_1", "selection_2", "filter")));
        assertThat(ConditionParser.parse("1 of _h*", IDS, 64)).isEqualTo(new Condition.Quantified(
                Condition.Quantifier.ONE, "_h*", List.of("_helper")));
    }

    @Test
    void errorsCarryTheirPosition() {
        assertThatThrownBy(() -> ConditionParser.parse("a and (b or", IDS, 64))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessage("expected an identifier, '(' or 'not' but found the end of the condition at column 12");
        assertThatThrownBy(() -> ConditionParser.parse("a and missing", IDS, 64))
                .hasMessage("unknown search identifier 'missing' at column 7");
        assertThatThrownBy(() -> ConditionParser.parse("any of selection_*", IDS, 64))
                .hasMessageStartingWith("only '1 of' and 'all of' are defined by Sigma");
        assertThatThrownBy(() -> ConditionParser.parse("1 of nothing*", IDS, 64))
                .hasMessage("'nothing*' matches no search identifier at column 6");
        assertThatThrownBy(() -> ConditionParser.parse("a b", IDS, 64)).hasMessage("unexpected 'b' at column 3");
        assertThatThrownBy(() -> ConditionParser.parse("a | b", IDS, 64))
                .hasMessage("unexpected character '|' at column 3");
    }

    @Test
    void deepNestingIsRejectedBeforeTheStackOverflows() {
        String deep = "(".repeat(10_000) + "a" + ")".repeat(10_000);
        assertThatThrownBy(() -> ConditionParser.parse(deep, IDS, 64)).hasMessageContaining("deeper than 64");
        String manyNots = "not ".repeat(10_000) + "a";
        assertThatThrownBy(() -> ConditionParser.parse(manyNots, IDS, 64)).hasMessageContaining("deeper than 64");
    }

    @Test
    void oneOfThemIgnoresUnderscoreHelpersWhenEvaluating() {
        SigmaRule rule = rule("""
                selection:
                    Image|endswith: '\\evil.exe'
                _helper:
                    User: 'SYSTEM'
                condition: 1 of them
                """);
        assertThat(matches(rule, Map.of("User", "SYSTEM"))).isFalse();
        assertThat(matches(rule, Map.of("Image", "C:\\evil.exe"))).isTrue();
    }

    @Test
    void selectionAndNotOneOfFilters() {
        SigmaRule rule = rule("""
                selection:
                    Image|endswith: '\\rundll32.exe'
                filter_main_system:
                    ParentImage|startswith: 'C:\\Windows\\System32\\'
                filter_optional_null:
                    ParentImage: null
                condition: selection and not 1 of filter_*
                """);
        assertThat(matches(rule, Map.of("Image", "C:\\rundll32.exe", "ParentImage", "C:\\Users\\a\\x.exe"))).isTrue();
        assertThat(matches(rule, Map.of("Image", "C:\\rundll32.exe", "ParentImage", "C:\\Windows\\System32\\a")))
                .isFalse();
        assertThat(matches(rule, Map.of("Image", "C:\\rundll32.exe"))).isFalse();
    }

    @Test
    void allOfPatternNeedsEverySelection() {
        SigmaRule rule = rule("""
                selection_img:
                    Image|endswith: '\\certutil.exe'
                selection_cli:
                    CommandLine|contains: 'urlcache'
                condition: all of selection_*
                """);
        assertThat(matches(rule, Map.of("Image", "C:\\certutil.exe", "CommandLine", "-urlcache -f"))).isTrue();
        assertThat(matches(rule, Map.of("Image", "C:\\certutil.exe", "CommandLine", "-decode"))).isFalse();
    }

    @Test
    void aListOfConditionsIsTheirOr() {
        SigmaRule rule = rule("""
                a:
                    X: 1
                b:
                    Y: 2
                condition:
                    - a
                    - b
                """);
        assertThat(matches(rule, Map.of("Y", 2))).isTrue();
        assertThat(matches(rule, Map.of("Z", 2))).isFalse();
    }

    @Test
    void conditionErrorsAreReportedAsRuleProblemsWithLine() {
        assertThat(problems("""
                sel:
                    X: 1
                condition: sel and
                """)).singleElement().satisfies(p -> {
                    assertThat(p.location()).isEqualTo("detection.condition");
                    assertThat(p.line()).hasValue(17);
                    assertThat(p.message()).contains("at column 8");
                });
    }
}
