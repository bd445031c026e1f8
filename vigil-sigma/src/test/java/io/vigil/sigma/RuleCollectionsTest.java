package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.correlation.CorrelationLoad;
import io.vigil.sigma.correlation.CorrelationRules;
import io.vigil.sigma.correlation.RuleReferences;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-document collections split into documents, and the placeholders a document waits for. */
class RuleCollectionsTest {

    private static final String COLLECTION = """
            title: Multiple failed logons
            id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
            name: multiple_failed_login
            correlation:
                type: event_count
                rules:
                    - failed_login
                group-by:
                    - User
                timespan: 10m
                condition:
                    gte: 10
            ---
            title: Single failed login
            id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
            name: failed_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID:
                        - 529
                        - 4625
                    User|nosuchmodifier: x
                condition: selection
            """;

    @Test
    void splitsACollectionIntoDocumentsThatKeepTheirLineNumbers() {
        SigmaYaml.Split split = SigmaYaml.split(COLLECTION, 100_000, 10);

        assertThat(split.problems()).isEmpty();
        assertThat(split.documents()).hasSize(2);
        assertThat(split.documents().get(0)).startsWith("title: Multiple failed logons").doesNotContain("---");
        RuleLoad base = SigmaRules.parse(split.documents().get(1), "collection");
        assertThat(base).isInstanceOfSatisfying(RuleLoad.Rejected.class, r -> assertThat(r.problems())
                .singleElement().satisfies(p -> assertThat(p.line()).hasValue(25)));
        CorrelationLoad correlation = CorrelationRules.parse(split.documents().get(0), "collection",
                RuleReferences.none().withName("failed_login", "53ba33fd-3a50-4468-a5ef-c583635cfa92"));
        assertThat(correlation).isInstanceOfSatisfying(CorrelationLoad.Loaded.class,
                l -> assertThat(l.rule().rules()).containsExactly("53ba33fd-3a50-4468-a5ef-c583635cfa92"));
    }

    @Test
    void refusesMoreDocumentsThanTheLimitAndBrokenYaml() {
        assertThat(SigmaYaml.split("a: 1\n---\nb: 2\n---\nc: 3\n", 1000, 2).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("more than 2"));
        assertThat(SigmaYaml.split("a: [\n", 1000, 2).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("invalid YAML"));
    }

    @Test
    void namesThePlaceholdersOfExpandValuesOnly() {
        String rule = """
                title: Admin logon from outside the admin workstations
                logsource:
                    product: windows
                detection:
                    selection:
                        User|expand: '%Admins%'
                        Workstation|expand:
                            - '%AdminHosts%-*'
                            - '%Admins%'
                        Comment: '%NotAPlaceholder%'
                    condition: selection
                """;

        assertThat(SigmaRules.placeholderNames(rule)).containsExactly("Admins", "AdminHosts");
        assertThat(SigmaRules.placeholderNames("title: [")).isEmpty();
        assertThat(SigmaRules.isPlaceholderName("Admin_Hosts-1.x")).isTrue();
        assertThat(List.of("", "a b", "a%", "ä/")).noneMatch(SigmaRules::isPlaceholderName);
    }
}
