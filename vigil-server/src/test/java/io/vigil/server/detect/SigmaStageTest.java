package io.vigil.server.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.StageContext;
import io.vigil.core.pipeline.StageResult;
import io.vigil.core.tenant.TenantId;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.logsource.RoutedRuleSet;
import io.vigil.store.detection.DetectionEntry;
import io.vigil.testkit.FakeClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SigmaStageTest {

    private static final String RULE = "rules/windows/process_creation/proc_creation_win_bitsadmin_download.yml";
    /** SigmaHQ's regression event for that rule (DRL 1.1), trimmed to the fields the rule reads. */
    private static final String MATCHING = """
            {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Sysmon"}},"EventID":1,
             "Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"ws01"},
             "EventData":{"Image":"C:\\\\Windows\\\\System32\\\\bitsadmin.exe",
             "CommandLine":"bitsadmin /transfer job /download http://example.org/a.exe C:\\\\a.exe"}}}""";

    private final FakeClock clock = FakeClock.at("2026-11-01T10:00:00Z");

    @Test
    void recordsEachMatchWithTheRulesAuthorInTheCommonFields() throws IOException {
        SigmaStage stage = stage();

        StageResult result = stage.process(event(MATCHING));

        assertThat(result).isInstanceOf(StageResult.Continue.class);
        List<DetectionEntry> entries = DetectionEntry.fromCommon(((StageResult.Continue) result).event().common());
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.ruleId()).isEqualTo("d059842b-6b9d-4ed1-b5c3-5b89143c6ede");
            assertThat(entry.title()).isEqualTo("File Download Via Bitsadmin");
            assertThat(entry.author()).isEqualTo("Michael Haag, FPT.EagleEye");
            assertThat(entry.matchedFields()).isNotEmpty();
            assertThat(entry.detectedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void passesAnEventNoRuleMatchesOnUnchanged() throws IOException {
        Event event = event("{\"message\":\"bitsadmin /transfer\"}");

        StageResult result = stage().process(event);

        assertThat(result).isEqualTo(new StageResult.Continue(event));
    }

    private SigmaStage stage() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        String yaml;
        try (InputStream in = loader.getResourceAsStream(ShippedRules.BASE + RULE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RuleLoad.Loaded loaded = (RuleLoad.Loaded) SigmaRules.parse(yaml, RULE);
        SigmaStage stage = new SigmaStage(RoutedRuleSet.of(ShippedRules.router(loader), List.of(loaded.rule())));
        stage.init(new StageContext(clock));
        return stage;
    }

    private static Event event(String json) throws IOException {
        Map<String, Object> fields = new ObjectMapper().readValue(json, new TypeReference<>() {
        });
        Instant at = Instant.parse("2026-11-01T09:59:00Z");
        return new Event(EventId.of("journal", 1, 0), new TenantId(UUID.randomUUID()), new SourceRef("http", "sysmon", "json"),
                at, at, fields, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}
