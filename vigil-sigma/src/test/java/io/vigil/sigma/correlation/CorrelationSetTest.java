package io.vigil.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.SigmaDocuments;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationSetTest {

    private static final RuleReferences BASE = RuleReferences.none()
            .withName("failed_logon", "11111111-1111-1111-1111-111111111111")
            .withName("success_logon", "22222222-2222-2222-2222-222222222222");

    private static final String BRUTE_FORCE = """
            title: Many failed logons
            id: brute-force
            name: brute_force
            level: medium
            correlation:
                type: event_count
                rules:
                    - failed_logon
                group-by:
                    - TargetUserName
                timespan: 5m
                condition:
                    gte: 10
            """;

    /** A chain: it references the correlation above by name, so it loads only after it. */
    private static final String THEN_SUCCESS = """
            title: Brute force then a successful logon
            id: brute-force-success
            level: high
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

    @Test
    void loadsChainsWhateverTheOrderOfTheSources() {
        CorrelationSet set = CorrelationSet.load(List.of(new CorrelationSet.Source("b.yml", THEN_SUCCESS),
                new CorrelationSet.Source("a.yml", BRUTE_FORCE)), BASE);

        assertThat(set.rejected()).isEmpty();
        assertThat(set.rules().keySet()).containsExactly("brute-force", "brute-force-success");
        assertThat(set.rules().get("brute-force-success").rules())
                .containsExactly("brute-force", "22222222-2222-2222-2222-222222222222");
    }

    @Test
    void withholdsWhatIsReferencedWithoutGenerateUnlessAnotherReferenceGenerates() {
        CorrelationSet set = CorrelationSet.load(List.of(new CorrelationSet.Source("a.yml", BRUTE_FORCE),
                new CorrelationSet.Source("b.yml", THEN_SUCCESS)), BASE);

        // brute_force (no generate) withholds the failed logons; the chain generates, so brute force and the
        // successful logon are emitted as well.
        assertThat(set.withheld()).containsExactly("11111111-1111-1111-1111-111111111111");
    }

    @Test
    void rejectsUnresolvedReferencesAndDuplicateKeysWithTheirOrigin() {
        CorrelationSet set = CorrelationSet.load(List.of(new CorrelationSet.Source("a.yml", BRUTE_FORCE),
                new CorrelationSet.Source("again.yml", BRUTE_FORCE),
                new CorrelationSet.Source("orphan.yml", THEN_SUCCESS.replace("- brute_force", "- nothing_known"))),
                BASE);

        assertThat(set.rules().keySet()).containsExactly("brute-force");
        assertThat(set.rejected()).extracting(CorrelationLoad.Rejected::origin).containsExactly("again.yml",
                "orphan.yml");
        assertThat(set.rejected().getFirst().problems().getFirst().message())
                .isEqualTo("another correlation has the key 'brute-force'");
        assertThat(set.rejected().get(1).problems().toString()).contains("nothing_known");
    }

    @Test
    void tellsCorrelationDocumentsFromRulesAndReadsTheirNames() {
        assertThat(SigmaDocuments.isCorrelation(BRUTE_FORCE)).isTrue();
        assertThat(SigmaDocuments.name(BRUTE_FORCE)).isEqualTo("brute_force");
        assertThat(SigmaDocuments.id(BRUTE_FORCE)).isEqualTo("brute-force");
        String rule = """
                title: Failed logon
                id: 11111111-1111-1111-1111-111111111111
                logsource: {product: windows, service: security}
                detection:
                    sel: {EventID: 4625}
                    condition: sel
                # correlation: in a comment does not make a correlation
                """;
        assertThat(SigmaDocuments.isCorrelation(rule)).isFalse();
        assertThat(SigmaDocuments.name(rule)).isNull();
        assertThat(SigmaDocuments.isCorrelation("correlation: [unclosed")).isFalse();
    }
}
