package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.Detection;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.WindowsEventFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateIndexTest {

    @Test
    void keywordsThatCanOccurInANumberOrABooleanAreStillSearchedThere() {
        List<SigmaRule> rules = List.of(keywordRule("number", "'4688'"), keywordRule("boolean", "'TRUE'"),
                keywordRule("exponent", "'1.5E-7'"), keywordRule("word", "'mimikatz'"));
        Map<String, Object> event = Map.of("Event", Map.of(
                "System", Map.of("EventID", 4688, "Channel", "Security"),
                "EventData", Map.of("Elevated", true, "Ratio", 1.5e-7, "Note", "mimikatz.exe")));
        EventFields fields = new WindowsEventFields(event);

        List<String> indexed = titles(IndexedRuleSet.of(rules).evaluate(fields));

        assertThat(indexed).containsExactly("number", "boolean", "exponent", "word")
                .isEqualTo(titles(RuleSet.of(rules).evaluate(WindowsEventFields.answeringByLookup(event))));
    }

    @Test
    void integerValuesFindTheirRulesAsEveryOtherNumberDoes() {
        List<SigmaRule> rules = List.of(numberRule("small", "4688"), numberRule("as text", "'4688'"),
                numberRule("decimal", "4688.0"), numberRule("largest long", "9223372036854775807"),
                numberRule("beyond long", "92233720368547758070"), numberRule("negative", "-1"),
                numberRule("fraction", "0.5"));
        IndexedRuleSet indexed = IndexedRuleSet.of(rules);
        RuleSet plain = RuleSet.of(rules);
        List<Object> values = List.of(4688, 4688L, 4688.0, "4688", Long.MAX_VALUE, Integer.MAX_VALUE, -1, -1L, 0,
                0.5, new java.math.BigInteger("92233720368547758070"), "92233720368547758070", 4689);
        for (Object value : values) {
            Map<String, Object> event = Map.of("Event", Map.of("System", Map.of("EventID", value,
                    "Channel", "Security")));
            assertThat(titles(indexed.evaluate(new WindowsEventFields(event)))).as("EventID %s (%s)", value,
                    value.getClass().getSimpleName()).isEqualTo(titles(plain.evaluate(
                            WindowsEventFields.answeringByLookup(event))));
        }
        Map<String, Object> event = Map.of("Event", Map.of("System", Map.of("EventID", 4688L, "Channel", "Security")));
        assertThat(titles(indexed.evaluate(new WindowsEventFields(event))))
                .containsExactly("small", "as text", "decimal");
    }

    @Test
    void onlyLiteralsMadeOfNumberAndBooleanCharactersCanOccurInTheirText() {
        assertThat(CandidateIndex.mayOccurInScalarText("4688")).isTrue();
        assertThat(CandidateIndex.mayOccurInScalarText("-1.0E10")).isTrue();
        assertThat(CandidateIndex.mayOccurInScalarText("Infinity")).isTrue();
        assertThat(CandidateIndex.mayOccurInScalarText("NaN")).isTrue();
        assertThat(CandidateIndex.mayOccurInScalarText("FALSE")).isTrue();
        assertThat(CandidateIndex.mayOccurInScalarText("sekurlsa::")).isFalse();
        assertThat(CandidateIndex.mayOccurInScalarText("0x3e7")).isFalse();
        assertThat(CandidateIndex.mayOccurInScalarText("4688 ")).isFalse();
    }

    private static SigmaRule keywordRule(String title, String keyword) {
        return windowsRule(title, "keywords:\n        - " + keyword);
    }

    private static SigmaRule numberRule(String title, String eventId) {
        return windowsRule(title, "selection:\n        EventID: " + eventId);
    }

    /** A rule whose detection is one search, {@code search} (its name, a colon and its body, indented by four). */
    private static SigmaRule windowsRule(String title, String search) {
        String yaml = """
                title: %s
                logsource:
                    product: windows
                detection:
                    %s
                    condition: %s
                """.formatted(title, search, search.substring(0, search.indexOf(':')));
        return ((RuleLoad.Loaded) SigmaRules.parse(yaml, title + ".yml")).rule();
    }

    private static List<String> titles(List<Detection> detections) {
        return detections.stream().map(Detection::title).toList();
    }
}
