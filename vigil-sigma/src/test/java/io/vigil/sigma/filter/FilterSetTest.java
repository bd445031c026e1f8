package io.vigil.sigma.filter;

import static io.vigil.sigma.filter.SigmaFiltersTest.RAR_RULE_ID;
import static io.vigil.sigma.filter.SigmaFiltersTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.Detection;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.MapEventFields;
import io.vigil.sigma.index.IndexedRuleSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterSetTest {

    private static final String RAR_RULE = "sigma/rules/windows/process_creation/proc_creation_win_rar_compress_data.yml";
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final SigmaRule rar = rule(SharedFiles.read(RAR_RULE), RAR_RULE);
    private final SigmaRule whoami = rule("""
            title: Whoami
            id: 1f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7b
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection
            """, "whoami.yml");
    private final SigmaRule dns = rule("""
            title: Suspicious DNS
            id: 2f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7b
            logsource:
                category: dns
            detection:
                selection:
                    query|endswith: '.example'
                condition: selection
            """, "dns.yml");

    private static SigmaRule rule(String yaml, String origin) {
        RuleLoad load = SigmaRules.parse(yaml, origin);
        assertThat(load).isInstanceOf(RuleLoad.Loaded.class);
        return ((RuleLoad.Loaded) load).rule();
    }

    private static String filter(String id, String rules, String selection, String extra) {
        return """
                title: Filter %s
                id: %s
                logsource:
                    category: process_creation
                    product: windows
                filter:
                    rules: %s
                    selection:
                        %s
                    condition: selection
                %s""".formatted(id, id, rules, selection, extra);
    }

    private static final String ADMINS_ID = "0e95725d-7320-415d-80f7-004da920fc11";
    private final SigmaFilter admins = load(SharedFiles.read("sigma-specification/tests/schema/filter/filter_1.yml")
            .replace("title:", "id: " + ADMINS_ID + "\ntitle:")
            .replace("        - df0841c0-9846-4e9f-ad8a-7df91571771b # Login on jump host\n", ""));

    private static EventFields event(String user) {
        return new MapEventFields(Map.of("Image", "C:\\Program Files\\WinRAR\\Rar.exe",
                "CommandLine", "rar.exe a -r out.rar C:\\Users\\Public\\Documents", "User", user));
    }

    @Test
    void suppressesASigmaHqRulesDetectionOnAMatchingEventOnly() {
        RuleSet rules = RuleSet.of(List.of(rar, whoami));
        FilterSet filters = FilterSet.bind(rules.rules(), List.of(admins), NOW);
        assertThat(filters.rejected()).isEmpty();

        EventFields benign = event("adm_jane");
        FilterResult suppressed = filters.apply(benign, rules.evaluate(benign));
        assertThat(suppressed.kept()).isEmpty();
        assertThat(suppressed.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.detection().ruleId()).isEqualTo(RAR_RULE_ID);
            assertThat(s.detection().author()).isEqualTo("Timur Zinniatullin, E.M. Anhaus, oscd.community");
            assertThat(s.filters()).extracting(FilterResult.SuppressedBy::filter).containsExactly(ADMINS_ID);
            assertThat(s.filters()).extracting(FilterResult.SuppressedBy::title)
                    .containsExactly("Filter Administrator account");
        });

        EventFields attacker = event("jane");
        FilterResult kept = filters.apply(attacker, rules.evaluate(attacker));
        assertThat(kept.kept()).extracting(Detection::ruleId).containsExactly(RAR_RULE_ID);
        assertThat(kept.suppressed()).isEmpty();
    }

    @Test
    void appliesOnlyToTheReferencedRules() {
        IndexedRuleSet rules = IndexedRuleSet.of(List.of(rar, whoami));
        FilterSet filters = FilterSet.bind(rules.rules(), List.of(admins), NOW);
        EventFields event = new MapEventFields(Map.of("Image", "C:\\Windows\\System32\\whoami.exe",
                "User", "adm_jane"));

        FilterResult result = filters.apply(event, rules.evaluate(event));

        assertThat(result.kept()).extracting(Detection::ruleId).containsExactly(whoami.id());
        assertThat(result.suppressed()).isEmpty();
    }

    @Test
    void rejectsAFilterThatReferencesAnUnknownRuleAndAppliesNothingOfIt() {
        SigmaFilter dangling = load(filter("9e95725d-7320-415d-80f7-004da920fc11",
                "[" + RAR_RULE_ID + ", 00000000-0000-4000-8000-000000000000]", "User: adm_jane", ""));
        FilterSet filters = FilterSet.bind(List.of(rar), List.of(dangling), NOW);

        assertThat(filters.filters()).isEmpty();
        assertThat(filters.rejected()).singleElement().satisfies(r -> {
            assertThat(r.origin()).isEqualTo("mf_test.yml");
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.location()).isEqualTo("filter.rules[1]");
                assertThat(p.message()).contains("no loaded rule has id '00000000-0000-4000-8000-000000000000'");
            });
        });
        EventFields event = event("adm_jane");
        assertThat(filters.apply(event, RuleSet.of(List.of(rar)).evaluate(event)).kept()).hasSize(1);
    }

    @Test
    void rejectsAFilterWhoseLogsourceDoesNotCoverAReferencedRule() {
        SigmaFilter windowsOnly = load(filter("9e95725d-7320-415d-80f7-004da920fc11",
                "[" + dns.id() + "]", "query: www.google.example", ""));
        SigmaFilter productWide = load(filter("8e95725d-7320-415d-80f7-004da920fc11", "[" + RAR_RULE_ID + "]",
                "User: adm_jane", "").replace("    category: process_creation\n", ""));

        FilterSet filters = FilterSet.bind(List.of(rar, dns), List.of(windowsOnly, productWide), NOW);

        assertThat(filters.rejected()).singleElement().satisfies(r -> assertThat(r.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("has logsource {category=dns}")
                        .contains("{product=windows, category=process_creation} does not cover")));
        assertThat(filters.filters()).containsExactly(productWide);
    }

    @Test
    void anExpiredFilterNoLongerSuppressesButIsReported() {
        SigmaFilter temporary = load(filter("9e95725d-7320-415d-80f7-004da920fc11", "[" + RAR_RULE_ID + "]",
                "User|startswith: adm_", "reason: migration window\nexpires: 2025-05-31\n"));
        EventFields event = event("adm_jane");
        List<Detection> detections = RuleSet.of(List.of(rar)).evaluate(event);

        FilterSet before = FilterSet.bind(List.of(rar), List.of(temporary),
                Clock.fixed(Instant.parse("2025-05-31T23:59:59Z"), ZoneOffset.UTC));
        assertThat(before.apply(event, detections).suppressed()).singleElement()
                .satisfies(s -> assertThat(s.filters()).singleElement()
                        .satisfies(by -> assertThat(by.reason()).isEqualTo("migration window")));
        assertThat(before.expired()).isEmpty();

        FilterSet after = FilterSet.bind(List.of(rar), List.of(temporary), NOW);
        FilterResult result = after.apply(event, detections);
        assertThat(result.kept()).extracting(Detection::ruleId).containsExactly(RAR_RULE_ID);
        assertThat(result.suppressed()).isEmpty();
        assertThat(after.expired()).containsExactly(temporary);
    }

    @Test
    void reportsEveryMatchingFilterOnOneRule() {
        SigmaFilter backups = load(filter("9e95725d-7320-415d-80f7-004da920fc11", "[" + RAR_RULE_ID + "]",
                "CommandLine|contains: 'C:\\Users\\Public'", "reason: nightly backup\n"));
        SigmaFilter other = load(filter("7e95725d-7320-415d-80f7-004da920fc11", "[" + RAR_RULE_ID + "]",
                "User: someone_else", ""));
        FilterSet filters = FilterSet.bind(List.of(rar), List.of(admins, other, backups), NOW);

        EventFields event = event("adm_jane");
        FilterResult both = filters.apply(event, RuleSet.of(List.of(rar)).evaluate(event));
        assertThat(both.suppressed()).singleElement().satisfies(s -> assertThat(s.filters())
                .extracting(FilterResult.SuppressedBy::filter)
                .containsExactly(ADMINS_ID, "9e95725d-7320-415d-80f7-004da920fc11"));

        EventFields onlyBackup = event("jane");
        FilterResult one = filters.apply(onlyBackup, RuleSet.of(List.of(rar)).evaluate(onlyBackup));
        assertThat(one.suppressed()).singleElement().satisfies(s -> assertThat(s.filters())
                .extracting(FilterResult.SuppressedBy::reason).containsExactly("nightly backup"));
    }
}
