package io.vigil.sigma.event;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fields of a Windows event in the {@code evtx_dump} JSON shape
 * {@code {"Event":{"System":{...},"EventData":{...},"UserData":{...}}}}.
 *
 * <p>A Sigma field name resolves to {@code EventData.<name>}, then {@code UserData.<any>.<name>}, then
 * {@code System.<name>}; {@code System} attributes use the spec's underscore form ({@code Provider_Name} is
 * {@code Provider.#attributes.Name}). Values wrapped as {@code {"#text": v}} are unwrapped.
 *
 * <p>For Security 4688 events the Sysmon process-creation names {@code Image} and {@code ParentImage} fall back to
 * {@code NewProcessName} and {@code ParentProcessName}, the renames SigmaHQ's own test harness applies
 * ({@code meta/thor-logsource-mapping.yml}). Other per-logsource renames are not applied yet.
 */
public final class WindowsEventFields implements EventFields {

    private static final Object ABSENT = new Object();
    private static final Map<String, String> SECURITY_4688_RENAMES =
            Map.of("Image", "NewProcessName", "ParentImage", "ParentProcessName");

    private final Map<String, ?> root;
    private final Map<?, ?> system;
    private final Map<?, ?> eventData;
    private final Map<?, ?> userData;

    public WindowsEventFields(Map<String, ?> evtxDumpEvent) {
        this.root = Objects.requireNonNull(evtxDumpEvent, "evtxDumpEvent");
        Map<?, ?> event = child(evtxDumpEvent, "Event");
        this.system = child(event, "System");
        this.eventData = child(event, "EventData");
        this.userData = child(event, "UserData");
    }

    @Override
    public Object get(String sigmaFieldName) {
        Object value = lookup(sigmaFieldName);
        return value == ABSENT ? null : value;
    }

    @Override
    public boolean contains(String sigmaFieldName) {
        return lookup(sigmaFieldName) != ABSENT;
    }

    @Override
    public void forEachKeywordValue(Consumer<Object> action) {
        MapEventFields.forEachLeaf(eventData, action);
        MapEventFields.forEachLeaf(userData, action);
        MapEventFields.forEachLeaf(system, action);
    }

    private Object lookup(String name) {
        if (eventData != null && eventData.containsKey(name)) {
            return unwrap(eventData.get(name));
        }
        if (userData != null) {
            for (Object section : userData.values()) {
                if (section instanceof Map<?, ?> map && map.containsKey(name)) {
                    return unwrap(map.get(name));
                }
            }
        }
        if (system != null) {
            if (system.containsKey(name)) {
                return unwrap(system.get(name));
            }
            int underscore = name.indexOf('_');
            if (underscore > 0 && system.get(name.substring(0, underscore)) instanceof Map<?, ?> element
                    && element.get("#attributes") instanceof Map<?, ?> attributes
                    && attributes.containsKey(name.substring(underscore + 1))) {
                return attributes.get(name.substring(underscore + 1));
            }
        }
        String renamed = SECURITY_4688_RENAMES.get(name);
        if (renamed != null && isSecurity4688()) {
            return lookup(renamed);
        }
        return ABSENT;
    }

    private boolean isSecurity4688() {
        return system != null && "4688".equals(String.valueOf(unwrap(system.get("EventID"))));
    }

    private static Object unwrap(Object value) {
        return value instanceof Map<?, ?> map && map.containsKey("#text") ? map.get("#text") : value;
    }

    private static Map<?, ?> child(Map<?, ?> parent, String key) {
        return parent != null && parent.get(key) instanceof Map<?, ?> map ? map : null;
    }

    @Override
    public String toString() {
        return "WindowsEventFields" + root;
    }
}
