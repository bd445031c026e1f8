package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.event.MapEventFields;
import java.util.List;
import java.util.Map;

/** Builds small rules around a detection body (YAML indented by 4 under {@code detection:}) for conformance tests. */
final class TestRules {

    private TestRules() {
    }

    static String yaml(String detection) {
        return """
                title: Conformance rule
                id: 5f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7b
                status: test
                level: high
                author: Jane Doe, John Roe
                references:
                    - https://example.org/research
                tags:
                    - attack.execution
                    - attack.t1059
                logsource:
                    product: windows
                    category: process_creation
                detection:
                """ + detection.stripIndent().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
    }

    static SigmaRule rule(String detection) {
        return rule(detection, SigmaOptions.DEFAULTS);
    }

    static SigmaRule rule(String detection, SigmaOptions options) {
        RuleLoad load = SigmaRules.parse(yaml(detection), "test.yml", options);
        assertThat(load).as("load of %s", detection).isInstanceOf(RuleLoad.Loaded.class);
        return ((RuleLoad.Loaded) load).rule();
    }

    static List<Problem> problems(String detection) {
        return problems(detection, SigmaOptions.DEFAULTS);
    }

    static List<Problem> problems(String detection, SigmaOptions options) {
        RuleLoad load = SigmaRules.parse(yaml(detection), "test.yml", options);
        assertThat(load).as("load of %s", detection).isInstanceOf(RuleLoad.Rejected.class);
        return ((RuleLoad.Rejected) load).problems();
    }

    static boolean matches(SigmaRule rule, Map<String, ?> event) {
        return rule.matches(new MapEventFields(event)).isPresent();
    }
}
