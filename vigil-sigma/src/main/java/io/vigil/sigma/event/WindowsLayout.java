package io.vigil.sigma.event;

import static io.vigil.sigma.event.WindowsEventFields.ABSENT;
import static io.vigil.sigma.event.WindowsEventFields.path;
import static io.vigil.sigma.event.WindowsEventFields.unwrap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Where each Windows shape keeps the data fields and the {@code System} attributes. */
sealed interface WindowsLayout {

    /** The value for a Sigma field name, or {@link WindowsEventFields#ABSENT}. */
    Object lookup(String sigmaName);

    void forEachKeywordValue(Consumer<Object> action);

    /**
     * Every Sigma name {@link #lookup} answers, with the value it answers, or null when the layout answers names it
     * cannot list. Built in {@link #lookup}'s order of precedence, so the first source of a name wins as there.
     */
    ListedFields fields();

    static Xml xml(Map<String, ?> event) {
        Map<?, ?> root = child(event, "Event");
        return new Xml(child(root, "System"), child(root, "EventData"), child(root, "UserData"));
    }

    static Winlogbeat winlogbeat(Map<String, ?> event) {
        Map<?, ?> winlog = child(event, "winlog");
        return new Winlogbeat(event, winlog, child(winlog, "event_data"), child(winlog, "user_data"));
    }

    /** {@code evtx_dump}: System attributes are XML attributes, {@code X_Y} = {@code System.X.#attributes.Y}. */
    record Xml(Map<?, ?> system, Map<?, ?> eventData, Map<?, ?> userData) implements WindowsLayout {

        @Override
        public Object lookup(String name) {
            Object data = dataField(eventData, userData, name);
            if (data != ABSENT || system == null) {
                return data;
            }
            Object systemValue = getOrAbsent(system, name);
            if (systemValue != ABSENT) {
                return unwrap(systemValue);
            }
            int underscore = name.indexOf('_');
            if (underscore > 0 && system.get(name.substring(0, underscore)) instanceof Map<?, ?> element
                    && element.get("#attributes") instanceof Map<?, ?> attributes) {
                return getOrAbsent(attributes, name.substring(underscore + 1));
            }
            return ABSENT;
        }

        @Override
        public void forEachKeywordValue(Consumer<Object> action) {
            MapEventFields.forEachLeaf(eventData, action);
            MapEventFields.forEachLeaf(userData, action);
            MapEventFields.forEachLeaf(system, action);
        }

        @Override
        public ListedFields fields() {
            // Without UserData the data fields are EventData's own map; with it they are merged into one.
            ListedFields fields;
            if (userData == null) {
                fields = new ListedFields(eventData, true);
            } else {
                Map<String, Object> data = new HashMap<>(64);
                dataFields(eventData, userData, data);
                fields = new ListedFields(data, false); // unwrapped as they were merged
            }
            if (system == null) {
                return fields;
            }
            system.forEach((key, value) -> {
                if (key instanceof String name) {
                    fields.addIfAbsent(name, unwrap(value));
                }
            });
            // X_Y is System.X.#attributes.Y, X being the text before the name's first underscore.
            system.forEach((key, element) -> {
                if (key instanceof String x && !x.isEmpty() && x.indexOf('_') < 0 && element instanceof Map<?, ?> map
                        && map.get("#attributes") instanceof Map<?, ?> attributes) {
                    attributes.forEach((y, value) -> {
                        if (y instanceof String name) {
                            fields.addIfAbsent(AttributeNames.of(x, name), value);
                        }
                    });
                }
            });
            return fields;
        }
    }

    /**
     * Winlogbeat 7+/ECS. System attributes live under {@code winlog} in snake case. A name that is neither a data
     * field nor a System attribute is tried as a dotted path of the whole document ({@code host.name}).
     */
    record Winlogbeat(Map<String, ?> event, Map<?, ?> winlog, Map<?, ?> eventData, Map<?, ?> userData)
            implements WindowsLayout {

        private static final Map<String, List<String>> SYSTEM = Map.of(
                "EventID", List.of("event_id"),
                "Channel", List.of("channel"),
                "Computer", List.of("computer_name"),
                "Provider_Name", List.of("provider_name"),
                "Provider_Guid", List.of("provider_guid"),
                "EventRecordID", List.of("record_id"),
                "Execution_ProcessID", List.of("process", "pid"),
                "Execution_ThreadID", List.of("process", "thread", "id"),
                "Security_UserID", List.of("user", "identifier"),
                "Version", List.of("version"));

        @Override
        public Object lookup(String name) {
            Object data = dataField(eventData, userData, name);
            if (data != ABSENT) {
                return data;
            }
            List<String> systemPath = SYSTEM.get(name);
            if (systemPath != null && winlog != null) {
                Object value = path(winlog, systemPath);
                if (value != ABSENT) {
                    return value;
                }
            }
            if (event.containsKey(name)) {
                return event.get(name);
            }
            return name.indexOf('.') < 0 ? ABSENT : path(event, List.of(name.split("\\.", -1)));
        }

        @Override
        public ListedFields fields() {
            return null; // any dotted path of the document is a name
        }

        @Override
        public void forEachKeywordValue(Consumer<Object> action) {
            // Only winlog: the ECS envelope (agent, ecs, message, @timestamp) is not part of the Windows event.
            MapEventFields.forEachLeaf(winlog, action);
        }
    }

    /**
     * NXLog {@code im_msvistalog} with {@code to_json()}: data fields and NXLog's own names share the top level.
     * NXLog's names for System attributes are translated; its envelope fields ({@code EventReceivedTime},
     * {@code SourceModuleName}, ...) stay visible under their own names.
     */
    record Nxlog(Map<String, ?> event) implements WindowsLayout {

        private static final Map<String, List<String>> SYSTEM = Map.of(
                "Computer", List.of("Hostname"),
                "Provider_Name", List.of("SourceName", "ProviderName"),
                "Provider_Guid", List.of("ProviderGuid"),
                "EventRecordID", List.of("RecordNumber"),
                "Execution_ProcessID", List.of("ExecutionProcessID", "ProcessID"),
                "Execution_ThreadID", List.of("ExecutionThreadID", "ThreadID"),
                "Security_UserID", List.of("UserID"));

        @Override
        public Object lookup(String name) {
            if (event.containsKey(name)) {
                return event.get(name);
            }
            for (String nxlogName : SYSTEM.getOrDefault(name, List.of())) {
                if (event.containsKey(nxlogName)) {
                    return event.get(nxlogName);
                }
            }
            return ABSENT;
        }

        @Override
        public void forEachKeywordValue(Consumer<Object> action) {
            MapEventFields.forEachLeaf(event, action);
        }

        @Override
        public ListedFields fields() {
            ListedFields fields = new ListedFields(event, false);
            SYSTEM.forEach((name, nxlogNames) -> {
                for (String nxlogName : nxlogNames) {
                    if (event.containsKey(nxlogName)) {
                        fields.addIfAbsent(name, event.get(nxlogName));
                        return;
                    }
                }
            });
            return fields;
        }
    }

    private static Object dataField(Map<?, ?> eventData, Map<?, ?> userData, String name) {
        // One hash lookup per map, whether the field is there or not.
        if (eventData != null) {
            Object value = getOrAbsent(eventData, name);
            if (value != ABSENT) {
                return unwrap(value);
            }
        }
        if (userData != null) {
            for (Object section : userData.values()) {
                if (section instanceof Map<?, ?> map) {
                    Object value = getOrAbsent(map, name);
                    if (value != ABSENT) {
                        return unwrap(value);
                    }
                }
            }
            Object value = getOrAbsent(userData, name);
            if (value != ABSENT) {
                return unwrap(value);
            }
        }
        return ABSENT;
    }

    /** The data fields as {@link #dataField} resolves them: {@code EventData}, then each {@code UserData} section, then {@code UserData}. */
    private static void dataFields(Map<?, ?> eventData, Map<?, ?> userData, Map<String, Object> fields) {
        if (eventData != null) {
            eventData.forEach((key, value) -> putIfAbsent(fields, key, unwrap(value)));
        }
        if (userData != null) {
            for (Object section : userData.values()) {
                if (section instanceof Map<?, ?> map) {
                    map.forEach((key, value) -> putIfAbsent(fields, key, unwrap(value)));
                }
            }
            userData.forEach((key, value) -> putIfAbsent(fields, key, unwrap(value)));
        }
    }

    private static void putIfAbsent(Map<String, Object> fields, Object key, Object value) {
        if (key instanceof String name && !fields.containsKey(name)) {
            fields.put(name, value);
        }
    }

    /** The value of {@code key}, null if mapped to null, {@link WindowsEventFields#ABSENT} if not mapped. */
    @SuppressWarnings("unchecked")
    private static Object getOrAbsent(Map<?, ?> map, String key) {
        return ((Map<Object, Object>) map).getOrDefault(key, ABSENT);
    }

    private static Map<?, ?> child(Map<?, ?> parent, String key) {
        return parent != null && parent.get(key) instanceof Map<?, ?> map ? map : null;
    }
}
