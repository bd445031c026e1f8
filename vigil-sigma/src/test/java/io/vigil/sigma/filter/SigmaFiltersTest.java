package io.vigil.sigma.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.Problem;
import io.vigil.sigma.event.MapEventFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigmaFiltersTest {

    static final String RAR_RULE_ID = "6f3e2987-db24-4c78-a860-b4f4095a7095";

    static SigmaFilter load(String yaml) {
        FilterLoad load = SigmaFilters.parse(yaml, "mf_test.yml");
        assertThat(load).as("load of %s", yaml).isInstanceOf(FilterLoad.Loaded.class);
        return ((FilterLoad.Loaded) load).filter();
    }

    static List<Problem> problems(String yaml) {
        FilterLoad load = SigmaFilters.parse(yaml, "mf_test.yml");
        assertThat(load).as("load of %s", yaml).isInstanceOf(FilterLoad.Rejected.class);
        return ((FilterLoad.Rejected) load).problems();
    }

    @Test
    void loadsTheSpecificationsFilterExamples() {
        SigmaFilter admin = load(SharedFiles.read("sigma-specification/tests/schema/filter/filter_1.yml"));
        assertThat(admin.title()).isEqualTo("Filter Administrator account");
        assertThat(admin.logsource().category()).isEqualTo("process_creation");
        assertThat(admin.logsource().product()).isEqualTo("windows");
        assertThat(admin.rules()).containsExactly(RAR_RULE_ID, "df0841c0-9846-4e9f-ad8a-7df91571771b");
        assertThat(admin.matches(new MapEventFields(Map.of("User", "ADM_jane")))).isTrue();
        assertThat(admin.matches(new MapEventFields(Map.of("User", "jane")))).isFalse();
        assertThat(admin.reference()).isEqualTo("mf_test.yml");

        SigmaFilter google = load(SharedFiles.read("sigma-specification/tests/schema/filter/filter_ecs.yml"));
        assertThat(google.taxonomy()).isEqualTo("ecs");
        assertThat(google.logsource().service()).isEqualTo("dns");
        assertThat(google.matches(new MapEventFields(
                Map.of("dns", Map.of("question", Map.of("name", "www.google.com")))))).isTrue();
    }

    @Test
    void loadsTheSpecificationsInlineExampleVerbatim() {
        SigmaFilter filter = load("""
                title: Filter Administrator account
                description: The valid administrator account start with adm_
                logsource:
                    category: process_creation
                    product: windows
                filter:
                    rules:
                        - 6f3e2987-db24-4c78-a860-b4f4095a7095 # Data Compressed - rar.exe
                        - df0841c0-9846-4e9f-ad8a-7df91571771b # Login on jump host
                    selection:
                        User|startswith: 'adm_'
                    condition: selection
                """);
        assertThat(filter.description()).isEqualTo("The valid administrator account start with adm_");
        assertThat(filter.detection().searchIdentifiers()).containsExactly("selection");
    }

    @Test
    void filterSectionUsesTheFullRuleGrammar() {
        SigmaFilter filter = load("""
                title: Backup agent
                id: 0e95725d-7320-415d-80f7-004da920fc11
                logsource:
                    product: windows
                filter:
                    rules:
                        - 6f3e2987-db24-4c78-a860-b4f4095a7095
                    agent:
                        ParentImage|endswith:
                            - '\\backup.exe'
                            - '\\veeam.exe'
                    path:
                        CommandLine|re: '(?i)\\\\backups?\\\\'
                    interactive:
                        LogonType: 2
                    condition: all of agent or (path and not interactive)
                """);
        assertThat(filter.matches(new MapEventFields(Map.of("ParentImage", "C:\\x\\Veeam.exe")))).isTrue();
        assertThat(filter.matches(new MapEventFields(Map.of("CommandLine", "rar a d:\\Backup\\x.rar")))).isTrue();
        assertThat(filter.matches(new MapEventFields(
                Map.of("CommandLine", "rar a d:\\backup\\x.rar", "LogonType", 2)))).isFalse();
    }

    @Test
    void readsVigilReasonAndExpiry() {
        String base = """
                title: Known GPO script
                id: 0e95725d-7320-415d-80f7-004da920fc11
                logsource:
                    product: windows
                filter:
                    rules: [6f3e2987-db24-4c78-a860-b4f4095a7095]
                    selection:
                        User: svc_gpo
                    condition: selection
                reason: CHG-1234 approved by tenant ACME
                """;
        SigmaFilter byDate = load(base + "expires: 2025-12-31\n");
        assertThat(byDate.reason()).isEqualTo("CHG-1234 approved by tenant ACME");
        assertThat(byDate.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(byDate.activeAt(Instant.parse("2025-12-31T23:59:59Z"))).isTrue();
        assertThat(byDate.activeAt(Instant.parse("2026-01-01T00:00:00Z"))).isFalse();

        SigmaFilter byInstant = load(base + "expires: '2025-06-30T18:00:00+02:00'\n");
        assertThat(byInstant.expiresAt()).isEqualTo(Instant.parse("2025-06-30T16:00:00Z"));

        assertThat(load(base).expiresAt()).isNull();
        assertThat(problems(base + "expires: '2025-06-30T18:00:00'\n"))
                .singleElement().satisfies(p -> {
                    assertThat(p.location()).isEqualTo("expires");
                    assertThat(p.line()).hasValue(11);
                    assertThat(p.message()).contains("offset");
                });
    }

    @Test
    void collectsEveryProblemWithItsLocation() {
        List<Problem> problems = problems("""
                id: not-a-uuid
                date: 2024/01/01
                logsource:
                    definition: nothing useful
                filter:
                    rules:
                        - 6f3e2987-db24-4c78-a860-b4f4095a7095
                        - 6f3e2987-db24-4c78-a860-b4f4095a7095
                    selection:
                        CommandLine|contians: foo
                    condition: selection and missing
                expire: 2025-01-01
                """);
        assertThat(problems).extracting(Problem::location).containsExactlyInAnyOrder(
                "expire", "title", "id", "date", "logsource", "filter.rules[1]",
                "filter.selection.CommandLine|contians", "filter.condition");
        assertThat(problems).filteredOn(p -> p.location().equals("expire"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("unknown key"));
    }

    @Test
    void requiresRulesAndACondition() {
        assertThat(problems("""
                title: No rules
                logsource:
                    product: windows
                filter:
                    selection:
                        User: x
                """)).extracting(Problem::location).containsExactlyInAnyOrder("filter.rules", "filter.condition");
        assertThat(problems("""
                title: No filter
                logsource:
                    product: windows
                """)).extracting(Problem::location).containsExactly("filter");
    }
}
