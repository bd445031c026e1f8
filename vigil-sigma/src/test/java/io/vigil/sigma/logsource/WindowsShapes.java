package io.vigil.sigma.logsource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders an {@code evtx_dump} (XML-as-JSON) event as NXLog {@code im_msvistalog} JSON and as Winlogbeat 8 JSON,
 * the way those collectors lay out the same record. Test-only: a faithful enough converter for routing tests.
 */
final class WindowsShapes {

    private WindowsShapes() {
    }

    static Map<String, Object> nxlog(Map<String, Object> evtx) {
        Map<?, ?> system = system(evtx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("EventTime", attribute(system, "TimeCreated", "SystemTime"));
        out.put("Hostname", system.get("Computer"));
        out.put("Keywords", system.get("Keywords"));
        out.put("EventType", "INFO");
        out.put("SeverityValue", 2);
        out.put("Severity", "INFO");
        out.put("EventID", unwrap(system.get("EventID")));
        out.put("SourceName", attribute(system, "Provider", "Name"));
        out.put("ProviderGuid", attribute(system, "Provider", "Guid"));
        out.put("Version", system.get("Version"));
        out.put("Task", system.get("Task"));
        out.put("OpcodeValue", system.get("Opcode"));
        out.put("RecordNumber", system.get("EventRecordID"));
        out.put("ExecutionProcessID", attribute(system, "Execution", "ProcessID"));
        out.put("ExecutionThreadID", attribute(system, "Execution", "ThreadID"));
        out.put("Channel", system.get("Channel"));
        Object user = attribute(system, "Security", "UserID");
        if (user != null) {
            out.put("UserID", user);
        }
        if (eventData(evtx) instanceof Map<?, ?> data) {
            data.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        out.put("EventReceivedTime", "2024-01-01 00:00:00");
        out.put("SourceModuleName", "eventlog");
        out.put("SourceModuleType", "im_msvistalog");
        return out;
    }

    static Map<String, Object> winlogbeat(Map<String, Object> evtx) {
        Map<?, ?> system = system(evtx);
        String eventId = String.valueOf(unwrap(system.get("EventID")));
        Map<String, Object> winlog = new LinkedHashMap<>();
        winlog.put("channel", system.get("Channel"));
        winlog.put("computer_name", system.get("Computer"));
        winlog.put("event_id", eventId);
        winlog.put("provider_name", attribute(system, "Provider", "Name"));
        winlog.put("provider_guid", "{" + attribute(system, "Provider", "Guid") + "}");
        winlog.put("record_id", String.valueOf(system.get("EventRecordID")));
        winlog.put("process", Map.of("pid", attribute(system, "Execution", "ProcessID"),
                "thread", Map.of("id", attribute(system, "Execution", "ThreadID"))));
        winlog.put("api", "wineventlog");
        Object user = attribute(system, "Security", "UserID");
        if (user != null) {
            winlog.put("user", Map.of("identifier", user));
        }
        if (eventData(evtx) instanceof Map<?, ?> data) {
            Map<String, Object> eventData = new LinkedHashMap<>();
            // Winlogbeat renders every event_data value as a string.
            data.forEach((k, v) -> eventData.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            winlog.put("event_data", eventData);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@timestamp", attribute(system, "TimeCreated", "SystemTime"));
        out.put("agent", Map.of("type", "winlogbeat", "version", "8.13.0"));
        out.put("ecs", Map.of("version", "8.0.0"));
        out.put("event", Map.of("code", eventId, "kind", "event", "provider", attribute(system, "Provider", "Name")));
        out.put("host", Map.of("name", String.valueOf(system.get("Computer")).toLowerCase()));
        out.put("log", Map.of("level", "information"));
        out.put("message", "rendered message text");
        out.put("winlog", winlog);
        return out;
    }

    /** A Security 4688 record for the process a Sysmon 1 record describes (the fields Windows 10 logs). */
    static Map<String, Object> security4688From(Map<String, Object> sysmon1) {
        Map<?, ?> system = system(sysmon1);
        Map<?, ?> data = (Map<?, ?>) eventData(sysmon1);
        Map<String, Object> newSystem = new LinkedHashMap<>();
        newSystem.put("Provider", Map.of("#attributes", Map.of("Name", "Microsoft-Windows-Security-Auditing",
                "Guid", "54849625-5478-4994-A5BA-3E3B0328C30D")));
        newSystem.put("EventID", 4688);
        newSystem.put("TimeCreated", system.get("TimeCreated"));
        newSystem.put("EventRecordID", 1);
        newSystem.put("Execution", Map.of("#attributes", Map.of("ProcessID", 4, "ThreadID", 8)));
        newSystem.put("Channel", "Security");
        newSystem.put("Computer", system.get("Computer"));
        Map<String, Object> newData = new LinkedHashMap<>();
        newData.put("SubjectUserSid", "S-1-5-18");
        newData.put("SubjectUserName", "DESKTOP$");
        newData.put("NewProcessId", "0x" + Long.toHexString(((Number) data.get("ProcessId")).longValue()));
        newData.put("NewProcessName", data.get("Image"));
        newData.put("TokenElevationType", "%%1936");
        newData.put("ProcessId", "0x" + Long.toHexString(((Number) data.get("ParentProcessId")).longValue()));
        newData.put("CommandLine", data.get("CommandLine"));
        newData.put("ParentProcessName", data.get("ParentImage"));
        newData.put("MandatoryLabel", "S-1-16-16384");
        return Map.of("Event", Map.of("System", newSystem, "EventData", newData));
    }

    private static Map<?, ?> system(Map<String, Object> evtx) {
        return (Map<?, ?>) ((Map<?, ?>) evtx.get("Event")).get("System");
    }

    private static Object eventData(Map<String, Object> evtx) {
        return ((Map<?, ?>) evtx.get("Event")).get("EventData");
    }

    private static Object attribute(Map<?, ?> system, String element, String name) {
        return system.get(element) instanceof Map<?, ?> e && e.get("#attributes") instanceof Map<?, ?> a
                ? a.get(name) : null;
    }

    private static Object unwrap(Object value) {
        return value instanceof Map<?, ?> map && map.containsKey("#text") ? map.get("#text") : value;
    }
}
