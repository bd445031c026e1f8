package io.vigil.sigma.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFieldsTest {

    @Test
    void mapFieldsPreferALiteralKeyOverADottedPath() {
        MapEventFields fields = new MapEventFields(Map.of(
                "user.name", "flat",
                "user", Map.of("name", "nested", "id", 7)));
        assertThat(fields.get("user.name")).isEqualTo("flat");
        assertThat(fields.get("user.id")).isEqualTo(7);
        assertThat(fields.get("user.missing")).isNull();
        assertThat(fields.contains("user.missing")).isFalse();
    }

    @Test
    void mapFieldsTellANullValueFromAnAbsentField() {
        Map<String, Object> event = new HashMap<>();
        event.put("present", null);
        MapEventFields fields = new MapEventFields(event);
        assertThat(fields.get("present")).isNull();
        assertThat(fields.contains("present")).isTrue();
        assertThat(fields.contains("absent")).isFalse();
    }

    @Test
    void windowsFieldsResolveEventDataThenUserDataThenSystem() {
        WindowsEventFields fields = new WindowsEventFields(Map.of("Event", Map.of(
                "System", Map.of(
                        "EventID", Map.of("#attributes", Map.of("Qualifiers", 16384), "#text", 7045),
                        "Channel", "System",
                        "Computer", "dc01",
                        "Provider", Map.of("#attributes", Map.of("Name", "Service Control Manager")),
                        "Execution", Map.of("#attributes", Map.of("ProcessID", 788))),
                "EventData", Map.of("ServiceName", "evil", "Computer", "from-eventdata"),
                "UserData", Map.of("LogFileCleared", Map.of("SubjectUserName", "bob")))));
        assertThat(fields.get("ServiceName")).isEqualTo("evil");
        assertThat(fields.get("Computer")).as("EventData wins over System").isEqualTo("from-eventdata");
        assertThat(fields.get("SubjectUserName")).isEqualTo("bob");
        assertThat(fields.get("EventID")).isEqualTo(7045);
        assertThat(fields.get("Channel")).isEqualTo("System");
        assertThat(fields.get("Provider_Name")).isEqualTo("Service Control Manager");
        assertThat(fields.get("Execution_ProcessID")).isEqualTo(788);
        assertThat(fields.contains("Nope")).isFalse();
        List<Object> keywordValues = new ArrayList<>();
        fields.forEachKeywordValue(keywordValues::add);
        assertThat(keywordValues).contains("evil", "bob", "dc01", "Service Control Manager");
    }

    @Test
    void listedFieldsAnswerExactlyAsLookupsDo() {
        Map<String, Object> eventData = new HashMap<>();
        eventData.put("Image", "C:\\x.exe");
        eventData.put("Empty", null);
        eventData.put("Wrapped", Map.of("#text", "inner"));
        eventData.put("Computer", "from-eventdata");
        Map<String, Object> system = new HashMap<>();
        system.put("EventID", Map.of("#attributes", Map.of("Qualifiers", 16384), "#text", 7045));
        system.put("Channel", "System");
        system.put("Computer", "dc01");
        system.put("Correlation", null);
        system.put("Provider", Map.of("#attributes", Map.of("Name", "SCM", "Guid", "{1}")));
        system.put("Two_Part", Map.of("#attributes", Map.of("Name", "unreachable as Two_Part_Name")));
        system.put("Execution_ProcessID", "a System key wins over Execution.#attributes.ProcessID");
        system.put("Execution", Map.of("#attributes", Map.of("ProcessID", 788, "ThreadID", 4)));
        Map<String, Object> xml = Map.of("Event", Map.of("System", system, "EventData", eventData,
                "UserData", Map.of("Section", Map.of("SubjectUserName", "bob", "Image", "shadowed"),
                        "Direct", "text")));
        Map<String, Object> nxlog = new HashMap<>(Map.of("EventID", 4688, "Channel", "Security", "Hostname", "ws1",
                "ProcessID", 4, "ExecutionProcessID", 5, "Computer", "own"));
        nxlog.put("Nothing", null);
        List<String> probes = List.of("Image", "Empty", "Wrapped", "Computer", "EventID", "EventID_Qualifiers",
                "Channel", "Correlation", "Provider_Name", "Provider_Guid", "Provider_Missing", "Two_Part_Name",
                "Two_Name", "Execution_ProcessID", "Execution_ThreadID", "SubjectUserName", "Direct", "Section",
                "Hostname", "ProcessID", "ExecutionProcessID", "Nothing", "Missing", "_Name", "Provider_");
        for (Map<String, Object> event : List.of(xml, nxlog)) {
            EventFields probed = WindowsEventFields.answeringByLookup(event);
            EventFields listed = EventFieldsFactory.of(event);
            Map<String, Object> fields = new HashMap<>();
            assertThat(listed.forEachField((name, value) -> assertThat(fields.put(name, value)).isNull())).isTrue();
            for (String name : fields.keySet()) {
                assertThat(probed.contains(name)).as(name).isTrue();
                assertThat(fields.get(name)).as(name).isEqualTo(probed.get(name));
            }
            for (String name : probes) {
                assertThat(fields.containsKey(name)).as(name).isEqualTo(probed.contains(name));
                assertThat(listed.contains(name)).as(name).isEqualTo(probed.contains(name));
                assertThat(listed.get(name)).as(name).isEqualTo(probed.get(name));
            }
        }
        // Many System children (past the few the listing scans) and attributes: still listed by name, one each,
        // and as fast to list as they are many (a hostile event of 100,000 would take minutes if quadratic).
        Map<String, Object> crowded = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            crowded.put("Child" + i, i % 3 == 0 ? Map.of("#attributes", Map.of("A", i)) : "v" + i);
        }
        crowded.put("Shared", "system");
        Map<String, Object> crowdedEvent = Map.of("Event", Map.of("System", crowded,
                "EventData", Map.of("Shared", "data", "Child7", "data wins")));
        EventFields crowdedListed = EventFieldsFactory.of(crowdedEvent);
        EventFields crowdedProbed = WindowsEventFields.answeringByLookup(crowdedEvent);
        int[] listedCount = {0};
        crowdedListed.forEachField((name, value) -> listedCount[0]++);
        assertThat(listedCount[0]).isEqualTo(100_000 + 33_334 + 1);
        for (String name : List.of("Shared", "Child7", "Child8", "Child99999", "Child99999_A", "Child99_A", "Child98_A",
                "Child100000", "Missing")) {
            assertThat(crowdedListed.contains(name)).as(name).isEqualTo(crowdedProbed.contains(name));
            assertThat(crowdedListed.get(name)).as(name).isEqualTo(crowdedProbed.get(name));
        }
        EventFields winlogbeat = EventFieldsFactory.of(Map.of("winlog", Map.of("event_id", 1, "channel", "x")));
        assertThat(winlogbeat.forEachField((name, value) -> { })).as("dotted paths cannot be listed").isFalse();
        assertThat(new MapEventFields(Map.of("a", 1)).forEachField((name, value) -> { })).isFalse();
    }

    @Test
    void security4688NamesAreNotRenamedHereButByRoutingData() {
        // The 4688 -> Sysmon renames moved to logsources.yml (io.vigil.sigma.logsource.EventClass#fields).
        WindowsEventFields fields = new WindowsEventFields(Map.of("Event", Map.of(
                "System", Map.of("EventID", 4688, "Channel", "Security"),
                "EventData", Map.of("NewProcessName", "C:\\Windows\\System32\\whoami.exe"))));
        assertThat(fields.get("Image")).isNull();
        assertThat(fields.get("NewProcessName")).isEqualTo("C:\\Windows\\System32\\whoami.exe");
    }

    @Test
    void factoryTellsTheThreeWindowsShapesAndOtherEventsApart() {
        assertThat(EventFieldsFactory.of(Map.of("Event", Map.of("System", Map.of("EventID", 1)))))
                .isInstanceOfSatisfying(WindowsEventFields.class,
                        w -> assertThat(w.shape()).isEqualTo(WindowsEventShape.XML_AS_JSON));
        assertThat(EventFieldsFactory.of(Map.of("winlog", Map.of("event_id", "1", "channel", "Security"))))
                .isInstanceOfSatisfying(WindowsEventFields.class,
                        w -> assertThat(w.shape()).isEqualTo(WindowsEventShape.WINLOGBEAT));
        assertThat(EventFieldsFactory.of(Map.of("EventID", 1, "Channel", "Security", "Hostname", "h")))
                .isInstanceOfSatisfying(WindowsEventFields.class,
                        w -> assertThat(w.shape()).isEqualTo(WindowsEventShape.NXLOG));
        assertThat(EventFieldsFactory.of(Map.of("eventSource", "s3.amazonaws.com"))).isInstanceOf(MapEventFields.class);
        assertThat(EventFieldsFactory.of(Map.of("EventID", 1))).as("EventID alone is not NXLog")
                .isInstanceOf(MapEventFields.class);
    }

    @Test
    void winlogbeatAndNxlogPresentTheXmlSystemNames() {
        WindowsEventFields beat = new WindowsEventFields(Map.of(
                "host", Map.of("name", "pc1"),
                "winlog", Map.of("event_id", "4688", "channel", "Security", "computer_name", "PC1.corp",
                        "provider_name", "Microsoft-Windows-Security-Auditing", "record_id", "7",
                        "process", Map.of("pid", 4, "thread", Map.of("id", 8)),
                        "event_data", Map.of("NewProcessName", "x.exe"))));
        assertThat(beat.get("EventID")).isEqualTo("4688");
        assertThat(beat.get("Channel")).isEqualTo("Security");
        assertThat(beat.get("Computer")).isEqualTo("PC1.corp");
        assertThat(beat.get("Provider_Name")).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(beat.get("Execution_ProcessID")).isEqualTo(4);
        assertThat(beat.get("Execution_ThreadID")).isEqualTo(8);
        assertThat(beat.get("NewProcessName")).isEqualTo("x.exe");
        assertThat(beat.get("host.name")).as("ECS fields by dotted path").isEqualTo("pc1");

        WindowsEventFields nxlog = new WindowsEventFields(Map.of("EventID", 4688, "Channel", "Security",
                "Hostname", "PC1.corp", "SourceName", "Microsoft-Windows-Security-Auditing",
                "ExecutionProcessID", 4, "NewProcessName", "x.exe"));
        assertThat(nxlog.get("Computer")).isEqualTo("PC1.corp");
        assertThat(nxlog.get("Provider_Name")).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(nxlog.get("Execution_ProcessID")).isEqualTo(4);
        assertThat(nxlog.get("NewProcessName")).isEqualTo("x.exe");
    }

    @Test
    void rejectsMapsThatAreNoWindowsShape() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WindowsEventFields(Map.of("foo", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
