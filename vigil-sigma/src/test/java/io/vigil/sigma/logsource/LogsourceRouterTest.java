package io.vigil.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import io.vigil.sigma.event.MapEventFields;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogsourceRouterTest {

    private static final LogsourceRouter ROUTER = TestData.shippedRouter();
    private static final Path PANTHER = TestData.shared().resolve("log-samples/cloud-identity-panther");


    @Test
    void renamedFieldsAreListedAsTheyAreLookedUp() {
        HashMap<String, Object> data = new HashMap<>(Map.of("NewProcessName", "C:\\a.exe",
                "ProcessId", "0x10", "NewProcessId", "0x20", "CommandLine", "a"));
        data.put("ParentProcessName", null);
        EventFields base = EventFieldsFactory.of(Map.of("Event", Map.of(
                "System", Map.of("EventID", 4688, "Channel", "Security"), "EventData", data)));
        Map<String, List<String>> renames = Map.of("Image", List.of("NewProcessName"), "ProcessId",
                List.of("NewProcessId"), "ParentImage", List.of("ParentProcessName"), "User",
                List.of("Missing", "CommandLine"), "Nothing", List.of("Missing"));
        RenamingEventFields probed = new RenamingEventFields(base, renames);
        RenamingEventFields listed = new RenamingEventFields(EventFieldsFactory.of(Map.of("Event", Map.of(
                "System", Map.of("EventID", 4688, "Channel", "Security"), "EventData", data))), renames);
        Map<String, Object> fields = new HashMap<>();
        assertThat(listed.forEachField((name, value) -> assertThat(fields.put(name, value)).isNull())).isTrue();
        assertThat(fields).containsEntry("Image", "C:\\a.exe").containsEntry("ProcessId", "0x10")
                .containsEntry("User", "a").containsKey("ParentImage").doesNotContainKey("Nothing");
        for (String name : List.of("Image", "ProcessId", "ParentImage", "User", "Nothing", "CommandLine",
                "NewProcessName", "EventID", "Channel", "Missing")) {
            assertThat(fields.containsKey(name)).as(name).isEqualTo(probed.contains(name));
            assertThat(fields.get(name)).as(name).isEqualTo(probed.get(name));
            assertThat(listed.get(name)).as(name).isEqualTo(probed.get(name));
        }
    }

    @Test
    void sysmonProcessCreationIsWindowsSysmonProcessCreation() {
        Map<String, Object> sysmon1 = sample("sysmon.jsonl", 0);
        EventClass c = ROUTER.classify(sysmon1);
        assertThat(c.products()).containsExactly("windows");
        assertThat(c.services()).containsExactly("sysmon");
        assertThat(c.categories()).containsExactly("process_creation");
        assertThat(c.renames()).isEmpty();
    }

    @Test
    void registryRuleDoesNotAdmitAProcessCreationEvent() {
        EventClass c = ROUTER.classify(sample("sysmon.jsonl", 0));
        assertThat(c.admits(new LogSource("windows", "registry_set", null, null))).isFalse();
        assertThat(c.admits(new LogSource("windows", "process_creation", null, null))).isTrue();
        assertThat(c.admits(new LogSource("windows", null, null, null))).as("product only").isTrue();
        assertThat(c.admits(new LogSource("windows", null, "security", null))).isFalse();
        assertThat(c.admits(new LogSource("linux", "process_creation", null, null))).isFalse();
        assertThat(c.admits(new LogSource(null, "process_creation", null, null))).isTrue();
    }

    @Test
    void securityLogonIsSecurityServiceWithoutCategory() {
        EventClass c = ROUTER.classify(sample("security.jsonl", 1));
        assertThat(c.services()).containsExactly("security");
        assertThat(c.categories()).isEmpty();
        assertThat(c.admits(new LogSource("windows", null, "security", null))).isTrue();
        assertThat(c.admits(new LogSource("windows", "process_creation", null, null))).isFalse();
    }

    @Test
    void cloudTrailRuleAdmitsACloudTrailEventAndNotAnOktaOne() {
        SigmaRule cloudtrail = TestData.sigmaHqRule("cloud/aws/cloudtrail/aws_cloudtrail_disable_logging.yml");
        Map<String, Object> trail = panther("AWS.CloudTrail.jsonl", "lambda.amazonaws.com");
        Map<String, Object> okta = panther("Okta.SystemLog.jsonl", "user.session.start");
        assertThat(ROUTER.classify(trail).admits(cloudtrail.logsource())).isTrue();
        assertThat(ROUTER.classify(okta).admits(cloudtrail.logsource())).isFalse();
        assertThat(ROUTER.classify(okta).services()).containsExactly("okta");
    }

    @Test
    void cloudAndIdentitySourcesAreClassifiedByTheirOwnFields() {
        assertThat(ROUTER.classify(panther("Azure.Audit.jsonl", "\"SignInLogs\"")).services())
                .containsExactly("signinlogs");
        assertThat(ROUTER.classify(panther("Azure.MonitorActivity.jsonl", "/subscriptions/")).services())
                .contains("activitylogs");
        assertThat(ROUTER.classify(panther("GCP.AuditLog.jsonl", "protoPayload")).services())
                .containsExactly("gcp.audit");
        assertThat(ROUTER.classify(panther("Microsoft365.Audit.AzureActiveDirectory.jsonl", "\"Workload\"")).products())
                .containsExactly("m365");
    }

    @Test
    void aSourceTagClassifiesWhatFieldsCannot() {
        MapEventFields line = new MapEventFields(Map.of("message", "sshd[42]: Failed password for root"));
        assertThat(ROUTER.classify(line)).isEqualTo(EventClass.UNCLASSIFIED);
        EventClass tagged = ROUTER.classify("linux.sshd", line);
        assertThat(tagged.admits(new LogSource("linux", null, "sshd", null))).isTrue();
        assertThat(tagged.admits(new LogSource("linux", null, "auditd", null))).isFalse();
    }

    @Test
    void auditdRecordsAreRecognisedByTheirShape() {
        EventClass c = ROUTER.classify(Map.of("type", "SYSCALL",
                "msg", "audit(1364481363.243:24287):", "syscall", "59", "exe", "/usr/bin/curl"));
        assertThat(c.admits(new LogSource("linux", null, "auditd", null))).isTrue();
        assertThat(c.admits(new LogSource("windows", null, null, null))).isFalse();
    }

    @Test
    void unclassifiedEventsAdmitNoRuleThatNamesALogsource() {
        EventClass c = ROUTER.classify(Map.of("foo", "bar"));
        assertThat(c.isClassified()).isFalse();
        assertThat(c.admits(new LogSource("windows", null, null, null))).isFalse();
        assertThat(c.admits(new LogSource(null, "proxy", null, null))).isFalse();
        assertThat(c.admits(new LogSource(null, null, null, "only a definition"))).isTrue();
    }

    @Test
    void aRenameNeverHidesAFieldTheEventHas() {
        Map<String, Object> security = WindowsShapes.security4688From(sample("sysmon.jsonl", 0));
        EventClass c = ROUTER.classify(security);
        var fields = c.fields(EventFieldsFactory.of(security));
        assertThat(fields.get("Image")).isEqualTo("C:\\Windows\\SysWOW64\\PING.EXE");
        assertThat(fields.get("ParentImage")).isEqualTo("C:\\Windows\\SysWOW64\\cmd.exe");
        assertThat(fields.get("ProcessId")).as("4688's own ProcessId (the creator) stays").isEqualTo("0x20c8");
    }

    @Test
    void zeekRdpRuleAdmitsZeekRdpOnly() {
        SigmaRule zeekRdp = TestData.sigmaHqRule("network/zeek/zeek_rdp_public_listener.yml");
        Map<String, Object> rdp = Map.of("_path", "rdp", "uid", "C1", "id.orig_h", "203.0.113.9", "id.resp_h", "10.0.0.1");
        assertThat(ROUTER.classify(rdp).admits(zeekRdp.logsource())).isTrue();
        assertThat(ROUTER.classify(sample("sysmon.jsonl", 0)).admits(zeekRdp.logsource())).isFalse();
        assertThat(RoutedRuleSet.of(ROUTER, List.of(zeekRdp)).evaluate(EventFieldsFactory.of(rdp))).hasSize(1);
    }

    @Test
    void eventsWithEqualSignaturesAreClassifiedAlike() throws java.io.IOException {
        Map<Object, EventClass> bySignature = new HashMap<>();
        int events = 0;
        List<Path> files;
        try (var walk = java.nio.file.Files.walk(TestData.shared().resolve("log-samples"))) {
            files = walk.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            for (Map<String, Object> line : TestData.jsonLines(file)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> event = line.get("log") instanceof Map<?, ?> log ? (Map<String, Object>) log : line;
                for (String tag : java.util.Arrays.asList(null, "linux.sshd")) {
                    var fields = EventFieldsFactory.of(event);
                    EventClass eventClass = ROUTER.classify(tag, fields);
                    EventClass first = bySignature.putIfAbsent(ROUTER.signature(tag, fields), eventClass);
                    assertThat(first == null ? eventClass : first).as(file + ": " + event).isEqualTo(eventClass);
                }
                events++;
            }
        }
        assertThat(events).isGreaterThan(3000);
        assertThat(bySignature.size()).as("signatures repeat, or caching them would not pay").isLessThan(events / 10);
        assertThat(new java.util.HashSet<>(bySignature.values())).hasSizeGreaterThan(20);
    }

    @Test
    void eventsWithLongRoutingFieldsHaveNoSignatureButAreStillRouted() {
        Map<String, Object> sysmon1 = new HashMap<>(sample("sysmon.jsonl", 0));
        SigmaRule rule = TestData.sigmaHqRule("network/zeek/zeek_rdp_public_listener.yml");
        Map<String, Object> rdp = new HashMap<>(Map.of("_path", "rdp", "uid", "C1",
                "id.orig_h", "203.0.113.9", "id.resp_h", "10.0.0.1"));
        rdp.put("Channel", "x".repeat(LogsourceRouter.MAX_SIGNATURE_CHARS + 1));

        assertThat(ROUTER.signature(null, EventFieldsFactory.of(sysmon1))).isNotNull();
        assertThat(ROUTER.signature(null, new MapEventFields(rdp))).isNull();
        assertThat(RoutedRuleSet.of(ROUTER, List.of(rule)).evaluate(new MapEventFields(rdp))).hasSize(1);
    }

    private static Map<String, Object> sample(String file, int index) {
        return TestData.jsonLines(TestData.shared().resolve("log-samples/windows-evtx-json").resolve(file)).get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> panther(String file, String mustContain) {
        return TestData.jsonLines(PANTHER.resolve(file)).stream()
                .map(line -> (Map<String, Object>) line.get("log"))
                .filter(log -> new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(log).toString()
                        .contains(mustContain))
                .filter(log -> ROUTER.classify(log).isClassified())
                .findFirst().orElseThrow(() -> new AssertionError("no classified " + file + " with " + mustContain));
    }
}
