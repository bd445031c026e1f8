package io.vigil.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.Detection;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every loadable SigmaHQ rule under {@code sigma/rules} over the real Windows samples, with routing. The oracle for
 * "contradicts" is written here from the taxonomy, independently of the mapping file.
 */
class RoutedSigmaHqCorpusTest {

    /** Sysmon EventID → categories the taxonomy allows for it. */
    private static final Map<Integer, Set<String>> SYSMON_CATEGORIES = Map.ofEntries(
            Map.entry(1, Set.of("process_creation")), Map.entry(3, Set.of("network_connection")),
            Map.entry(10, Set.of("process_access")), Map.entry(11, Set.of("file_event")),
            Map.entry(12, Set.of("registry_event", "registry_add", "registry_delete")),
            Map.entry(13, Set.of("registry_event", "registry_set")), Map.entry(15, Set.of("create_stream_hash")),
            Map.entry(16, Set.of("sysmon_status")));

    private static List<SigmaRule> rules;
    private static List<Map<String, Object>> events;

    @BeforeAll
    static void load() throws IOException {
        Path root = TestData.shared().resolve("sigma/rules");
        try (Stream<Path> files = Files.walk(root)) {
            rules = files.filter(p -> p.toString().endsWith(".yml")).sorted()
                    .map(p -> {
                        try {
                            return SigmaRules.parse(Files.readString(p, StandardCharsets.UTF_8), root.relativize(p).toString());
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .filter(RuleLoad.Loaded.class::isInstance)
                    .map(load -> ((RuleLoad.Loaded) load).rule())
                    .toList();
        }
        Path samples = TestData.shared().resolve("log-samples/windows-evtx-json");
        events = Stream.of("sysmon.jsonl", "security.jsonl", "new-user-security.jsonl")
                .flatMap(f -> TestData.jsonLines(samples.resolve(f)).stream())
                .toList();
    }

    @Test
    void noRoutedDetectionContradictsTheEventsLogsource() {
        RoutedRuleSet routed = RoutedRuleSet.of(TestData.shippedRouter(), rules);
        Map<String, Long> perRule = new TreeMap<>();
        List<String> contradictions = new ArrayList<>();
        for (Map<String, Object> event : events) {
            EventFields fields = EventFieldsFactory.of(event);
            String channel = String.valueOf(fields.get("Channel"));
            int eventId = Integer.parseInt(String.valueOf(fields.get("EventID")));
            for (Detection d : routed.evaluate(fields)) {
                perRule.merge(d.title(), 1L, Long::sum);
                SigmaRule rule = byTitle(d.title());
                var ls = rule.logsource();
                boolean sysmon = channel.equals("Microsoft-Windows-Sysmon/Operational");
                boolean ok = (ls.product() == null || ls.product().equals("windows"))
                        && (ls.service() == null || ls.service().equals(sysmon ? "sysmon" : "security"))
                        && (ls.category() == null || (sysmon
                                ? SYSMON_CATEGORIES.getOrDefault(eventId, Set.of()).contains(ls.category())
                                : eventId == 4688 && ls.category().equals("process_creation")));
                if (!ok) {
                    contradictions.add(rule.origin() + " on " + channel + " " + eventId);
                }
            }
        }
        System.out.printf("routed: %d rules loaded, %d events, detections per rule:%n", rules.size(), events.size());
        perRule.forEach((title, n) -> System.out.printf("  %5d  %s%n", n, title));
        assertThat(contradictions).isEmpty();
        assertThat(perRule).as("routing must not silence real detections").isNotEmpty();
    }

    @Test
    void negationOnlyNetworkRulesNoLongerFireOnWindowsEvents() {
        SigmaRule zeekRdp = TestData.sigmaHqRule("network/zeek/zeek_rdp_public_listener.yml");
        Map<String, Object> sysmonEvent = events.getFirst();
        EventFields fields = EventFieldsFactory.of(sysmonEvent);
        assertThat(RuleSet.of(List.of(zeekRdp)).evaluate(fields))
                .as("without routing the negation-only rule fires on anything").isNotEmpty();
        assertThat(RoutedRuleSet.of(TestData.shippedRouter(), List.of(zeekRdp)).evaluate(fields)).isEmpty();
    }

    @Test
    void routingRemovesEveryUnroutedDetectionThatContradictsTheLogsource() {
        RoutedRuleSet routed = RoutedRuleSet.of(TestData.shippedRouter(), rules);
        RuleSet unrouted = RuleSet.of(rules);
        long routedCount = 0;
        long unroutedCount = 0;
        Map<String, Long> droppedByProduct = new TreeMap<>();
        for (Map<String, Object> event : events.subList(0, Math.min(events.size(), 400))) {
            EventFields fields = EventFieldsFactory.of(event);
            Set<String> routedTitles = routed.evaluate(fields).stream().map(Detection::title).collect(Collectors.toSet());
            routedCount += routedTitles.size();
            for (Detection d : unrouted.evaluate(fields)) {
                unroutedCount++;
                if (!routedTitles.contains(d.title())) {
                    var ls = byTitle(d.title()).logsource();
                    droppedByProduct.merge(ls.product() + "/" + ls.category() + "/" + ls.service(), 1L, Long::sum);
                }
            }
        }
        System.out.printf("first 400 events: %d unrouted detections, %d routed; dropped by logsource: %s%n",
                unroutedCount, routedCount, droppedByProduct);
        assertThat(routedCount).isLessThanOrEqualTo(unroutedCount);
        assertThat(droppedByProduct.keySet()).noneMatch(k -> k.equals("windows/process_creation/null"));
    }

    private static final Map<String, SigmaRule> BY_TITLE = new java.util.concurrent.ConcurrentHashMap<>();

    private static SigmaRule byTitle(String title) {
        if (BY_TITLE.isEmpty()) {
            BY_TITLE.putAll(rules.stream().collect(Collectors.toMap(SigmaRule::title, Function.identity(), (a, b) -> a)));
        }
        return BY_TITLE.get(title);
    }
}
