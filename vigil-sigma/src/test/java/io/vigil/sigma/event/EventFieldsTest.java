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
    void security4688AnswersSysmonProcessCreationNames() {
        WindowsEventFields fields = new WindowsEventFields(Map.of("Event", Map.of(
                "System", Map.of("EventID", 4688, "Channel", "Security"),
                "EventData", Map.of("NewProcessName", "C:\\Windows\\System32\\whoami.exe",
                        "ParentProcessName", "C:\\Windows\\System32\\cmd.exe"))));
        assertThat(fields.get("Image")).isEqualTo("C:\\Windows\\System32\\whoami.exe");
        assertThat(fields.get("ParentImage")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
    }

    @Test
    void sysmonEventsDoNotGetTheSecurityRenames() {
        WindowsEventFields fields = new WindowsEventFields(Map.of("Event", Map.of(
                "System", Map.of("EventID", 1),
                "EventData", Map.of("NewProcessName", "x"))));
        assertThat(fields.get("Image")).isNull();
    }
}
