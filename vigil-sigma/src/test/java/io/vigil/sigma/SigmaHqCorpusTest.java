package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every SigmaHQ rule in the shipped folders loads; placeholder rules load once their placeholders have values. */
class SigmaHqCorpusTest {

    private static final List<String> FOLDERS =
            List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance");

    /**
     * The reviewed allow-list (docs/sigma-semantics.md): rules outside rules-placeholder that use {@code |expand}
     * with a placeholder no default configuration can know. Value: how each of their problems starts.
     */
    private static final Map<String, String> EXPECTED_REJECTIONS = Map.of(
            "rules-emerging-threats/2026/Exploits/CVE-2026-54121/win_security_adcs_certighost_cdc_chase_request.yml",
            "unresolved placeholder %known_cdcs%",
            "rules-emerging-threats/2026/Exploits/CVE-2026-54121/win_security_adcs_certighost_cert_issued_via_chase.yml",
            "unresolved placeholder %known_cdcs%");

    @Test
    void loadsEverySigmaHqRule() throws IOException {
        Path sigma = SharedData.root().resolve("sigma");
        Map<String, List<Problem>> rejected = new TreeMap<>();
        int loaded = 0;
        for (String folder : FOLDERS) {
            for (Path file : ymlFiles(sigma.resolve(folder))) {
                RuleLoad load = SigmaRules.parse(Files.readString(file, StandardCharsets.UTF_8),
                        sigma.relativize(file).toString());
                switch (load) {
                    case RuleLoad.Loaded ignored -> loaded++;
                    case RuleLoad.Rejected rejection -> rejected.put(rejection.origin(), rejection.problems());
                }
            }
        }
        System.out.printf("SigmaHQ corpus: %d rules loaded, %d rejected (all on the reviewed allow-list)%n",
                loaded, rejected.size());
        assertThat(rejected.keySet()).as("rejected rules; see docs/sigma-semantics.md")
                .containsExactlyInAnyOrderElementsOf(EXPECTED_REJECTIONS.keySet());
        rejected.forEach((origin, problems) -> assertThat(problems).as(origin)
                .allSatisfy(p -> assertThat(p.message()).startsWith(EXPECTED_REJECTIONS.get(origin))));
        assertThat(loaded).isGreaterThan(3700);
    }

    @Test
    void placeholderRulesAreRejectedOnlyForUnresolvedPlaceholdersWithoutValues() throws IOException {
        Path folder = SharedData.root().resolve("sigma").resolve("rules-placeholder");
        List<String> otherProblems = new ArrayList<>();
        int rejectedForPlaceholders = 0;
        for (Path file : ymlFiles(folder)) {
            RuleLoad load = SigmaRules.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            if (load instanceof RuleLoad.Rejected rejection) {
                rejectedForPlaceholders++;
                rejection.problems().stream().filter(p -> !p.message().startsWith("unresolved placeholder"))
                        .forEach(p -> otherProblems.add(file.getFileName() + ": " + p));
            }
        }
        System.out.printf("rules-placeholder without values: %d rejected for unresolved placeholders%n",
                rejectedForPlaceholders);
        assertThat(otherProblems).isEmpty();
        assertThat(rejectedForPlaceholders).isPositive();
    }

    @Test
    void loadsEveryPlaceholderRuleWhenPlaceholdersHaveValues() throws IOException {
        Path folder = SharedData.root().resolve("sigma").resolve("rules-placeholder");
        SigmaOptions options = SigmaOptions.DEFAULTS.withPlaceholders(placeholderValues(ymlFiles(folder)));
        Map<String, List<Problem>> rejected = new TreeMap<>();
        int loaded = 0;
        for (Path file : ymlFiles(folder)) {
            RuleLoad load = SigmaRules.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), options);
            switch (load) {
                case RuleLoad.Loaded ignored -> loaded++;
                case RuleLoad.Rejected rejection -> rejected.put(rejection.origin(), rejection.problems());
            }
        }
        System.out.printf("rules-placeholder with values: %d rules loaded%n", loaded);
        assertThat(rejected).isEmpty();
        assertThat(loaded).isEqualTo(ymlFiles(folder).size());
    }

    @Test
    void allowListedRulesLoadOncePlaceholdersHaveValues() throws IOException {
        Path sigma = SharedData.root().resolve("sigma");
        List<Path> files = EXPECTED_REJECTIONS.keySet().stream().map(sigma::resolve).sorted().toList();
        SigmaOptions options = SigmaOptions.DEFAULTS.withPlaceholders(placeholderValues(files));

        for (Path file : files) {
            RuleLoad load = SigmaRules.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), options);
            assertThat(load).as(file.toString()).isInstanceOf(RuleLoad.Loaded.class);
        }
    }

    /** Every placeholder the rules use resolves to one wildcard-free test value, as a site configuration would. */
    private static Map<String, List<String>> placeholderValues(List<Path> files) throws IOException {
        Map<String, List<String>> values = new TreeMap<>();
        java.util.regex.Pattern placeholder = java.util.regex.Pattern.compile("%([A-Za-z0-9_.-]+)%");
        for (Path file : files) {
            java.util.regex.Matcher m = placeholder.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                values.put(m.group(1), List.of("vigil-test-" + m.group(1)));
            }
        }
        return values;
    }

    static List<Path> ymlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
