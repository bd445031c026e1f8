package io.vigil.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.Detection;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import io.vigil.sigma.event.WindowsEventFields;
import io.vigil.sigma.event.WindowsEventShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same SigmaHQ rule matches the same activity whether it arrives as XML-as-JSON, NXLog or Winlogbeat JSON, and
 * whether it was logged by Sysmon (EventID 1) or by Security auditing (4688). Events are real: SigmaHQ regression
 * events and the evtx samples; the other shapes are rendered from them by {@link WindowsShapes}.
 */
class WindowsShapesRoutingTest {

    private static final LogsourceRouter ROUTER = TestData.shippedRouter();
    private static final String SHELL_OPEN_RULE =
            "registry/registry_set/registry_set_susp_shell_open_keys_modification_patterns.yml";
    private static final Path REGRESSION = TestData.shared().resolve("sigma-regression-dev/data/rules/windows");

    static Stream<Arguments> activities() {
        SigmaRule shellOpen = TestData.sigmaHqRule("windows/" + SHELL_OPEN_RULE);
        Map<String, Object> shellOpenSet = TestData.jsonLines(TestData.shared()
                        .resolve("log-samples/windows-evtx-json/sysmon.jsonl")).stream()
                .filter(e -> shellOpen.matches(EventFieldsFactory.of(e)).isPresent())
                .findFirst().orElseThrow();
        return Stream.of(
                Arguments.of("process_creation/proc_creation_win_bitsadmin_download.yml",
                        regressionEvent("process_creation/proc_creation_win_bitsadmin_download")),
                Arguments.of("process_creation/proc_creation_win_certutil_encode.yml",
                        regressionEvent("process_creation/proc_creation_win_certutil_encode")),
                Arguments.of("process_creation/proc_creation_win_cmdkey_recon.yml",
                        regressionEvent("process_creation/proc_creation_win_cmdkey_recon")),
                Arguments.of(SHELL_OPEN_RULE,
                        shellOpenSet));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activities")
    void sameRuleMatchesTheSameActivityInEveryShape(String rulePath, Map<String, Object> evtx) {
        SigmaRule rule = TestData.sigmaHqRule("windows/" + rulePath);
        RoutedRuleSet routed = RoutedRuleSet.of(ROUTER, List.of(rule));
        Map<WindowsEventShape, Map<String, Object>> shapes = Map.of(
                WindowsEventShape.XML_AS_JSON, evtx,
                WindowsEventShape.NXLOG, WindowsShapes.nxlog(evtx),
                WindowsEventShape.WINLOGBEAT, WindowsShapes.winlogbeat(evtx));
        EventClass xmlClass = ROUTER.classify(evtx);
        shapes.forEach((shape, event) -> {
            EventFields fields = EventFieldsFactory.of(event);
            assertThat(fields).isInstanceOfSatisfying(WindowsEventFields.class,
                    w -> assertThat(w.shape()).isEqualTo(shape));
            assertThat(ROUTER.classify(event)).as("class of the %s rendering", shape).isEqualTo(xmlClass);
            assertThat(routed.evaluate(fields)).as("%s on the %s rendering", rule.title(), shape)
                    .singleElement().extracting(Detection::ruleId).isEqualTo(rule.id());
            for (String name : List.of("EventID", "Channel", "Provider_Name", "Computer")) {
                assertThat(String.valueOf(fields.get(name))).as("%s in %s", name, shape)
                        .isEqualToIgnoringCase(String.valueOf(EventFieldsFactory.of(evtx).get(name)));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activities")
    void processCreationRulesMatchSecurity4688ThroughTheRenames(String rulePath, Map<String, Object> evtx) {
        if (!rulePath.startsWith("process_creation/")) {
            return;
        }
        SigmaRule rule = TestData.sigmaHqRule("windows/" + rulePath);
        Map<String, Object> security = WindowsShapes.security4688From(evtx);
        for (UnaryOperator<Map<String, Object>> render : List.<UnaryOperator<Map<String, Object>>>of(
                e -> e, WindowsShapes::nxlog, WindowsShapes::winlogbeat)) {
            Map<String, Object> event = render.apply(security);
            EventClass eventClass = ROUTER.classify(event);
            assertThat(eventClass.services()).containsExactly("security");
            assertThat(eventClass.categories()).containsExactly("process_creation");
            assertThat(eventClass.admits(rule.logsource())).isTrue();
            EventFields raw = EventFieldsFactory.of(event);
            assertThat(raw.get("Image")).as("no rename without routing").isNull();
            assertThat(eventClass.fields(raw).get("Image")).isEqualTo(raw.get("NewProcessName"));
            assertThat(RoutedRuleSet.of(ROUTER, List.of(rule)).evaluate(raw)).hasSize(1);
        }
    }

    private static Map<String, Object> regressionEvent(String folder) {
        Path dir = REGRESSION.resolve(folder);
        try (Stream<Path> files = java.nio.file.Files.list(dir)) {
            Path events = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
            return TestData.jsonLines(events).getFirst();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
