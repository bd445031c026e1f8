package io.vigil.sigma.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Fields of a Windows event in any of the three common JSON shapes ({@link WindowsEventShape}), presented under
 * the same Sigma names whichever shape carried the event.
 *
 * <p>A Sigma field name resolves to the event's data fields first ({@code EventData}, then {@code UserData}), then
 * to the {@code System} attributes under the names of the XML rendering: {@code EventID}, {@code Channel},
 * {@code Computer}, {@code Provider_Name}, {@code Provider_Guid}, {@code EventRecordID}, {@code Execution_ProcessID},
 * {@code Execution_ThreadID}, {@code Security_UserID}, {@code Version}. In the XML shape {@code X_Y} is
 * {@code System.X.#attributes.Y} and {@code {"#text": v}} wrappers are unwrapped; Winlogbeat and NXLog name these
 * attributes differently and are translated (see {@code docs/sigma-semantics.md}). Values keep the type the shape
 * gives them ({@code EventID} is a number in XML and NXLog, a string in Winlogbeat); Sigma's number matching treats
 * both alike.
 *
 * <p>No per-logsource renames happen here (Security 4688 {@code NewProcessName} is not {@code Image}): those are
 * data, applied by {@code io.vigil.sigma.logsource.EventClass#fields}.
 *
 * <p>Not thread-safe: the first question lists the fields and keeps the list for later ones. An event is evaluated
 * by one thread.
 */
public final class WindowsEventFields implements EventFields {

    static final Object ABSENT = new Object();

    private final Map<String, ?> root;
    private final WindowsLayout layout;
    /** The layout's fields once listed ({@link #listed()}); then every name is one hash lookup. */
    private ListedFields listed;
    private boolean unlistable;

    /**
     * @throws IllegalArgumentException when {@code event} is none of the {@link WindowsEventShape}s; use
     *                                  {@link EventFieldsFactory#of} for events of unknown shape
     */
    public WindowsEventFields(Map<String, ?> event) {
        this(event, WindowsEventShape.detect(Objects.requireNonNull(event, "event")).orElseThrow(
                () -> new IllegalArgumentException("not a Windows event shape (Event.System, winlog, or "
                        + "EventID + Channel at top level)")));
    }

    WindowsEventFields(Map<String, ?> event, WindowsEventShape shape) {
        this(event, shape, true);
    }

    /**
     * A view that answers every name by lookups in the event's maps and never lists its fields: slower, and the
     * reference the listing is checked against (the candidate index's differential test).
     *
     * @throws IllegalArgumentException when {@code event} is none of the {@link WindowsEventShape}s
     */
    public static WindowsEventFields answeringByLookup(Map<String, ?> event) {
        return new WindowsEventFields(event, WindowsEventShape.detect(Objects.requireNonNull(event, "event"))
                .orElseThrow(() -> new IllegalArgumentException("not a Windows event shape")), false);
    }

    /** @param listing false to answer every question by lookups in the event's maps */
    WindowsEventFields(Map<String, ?> event, WindowsEventShape shape, boolean listing) {
        this.unlistable = !listing;
        this.root = event;
        this.layout = switch (shape) {
            case XML_AS_JSON -> WindowsLayout.xml(event);
            case WINLOGBEAT -> WindowsLayout.winlogbeat(event);
            case NXLOG -> new WindowsLayout.Nxlog(event);
        };
    }

    public WindowsEventShape shape() {
        return switch (layout) {
            case WindowsLayout.Xml x -> WindowsEventShape.XML_AS_JSON;
            case WindowsLayout.Winlogbeat w -> WindowsEventShape.WINLOGBEAT;
            case WindowsLayout.Nxlog n -> WindowsEventShape.NXLOG;
        };
    }

    @Override
    public Object get(String sigmaFieldName) {
        ListedFields fields = listed();
        if (fields != null) {
            return fields.get(sigmaFieldName);
        }
        Object value = layout.lookup(sigmaFieldName);
        return value == ABSENT ? null : value;
    }

    @Override
    public boolean contains(String sigmaFieldName) {
        ListedFields fields = listed();
        if (fields != null) {
            return fields.contains(sigmaFieldName);
        }
        return layout.lookup(sigmaFieldName) != ABSENT;
    }

    /** Lists the XML and NXLog shapes' fields; not the Winlogbeat shape. */
    @Override
    public boolean forEachField(BiConsumer<String, Object> action) {
        ListedFields fields = listed();
        if (fields == null) {
            return false;
        }
        fields.forEach(action);
        return true;
    }

    /**
     * The layout's fields, listed on the first question: routing alone asks for some forty names per event, and a
     * lookup in the nested maps costs several hash lookups while the listed form costs one. Null for a layout that
     * cannot list its names.
     */
    private ListedFields listed() {
        if (listed == null && !unlistable) {
            listed = layout.fields();
            unlistable = listed == null;
        }
        return listed;
    }

    @Override
    public void forEachKeywordValue(Consumer<Object> action) {
        layout.forEachKeywordValue(action);
    }

    static Object unwrap(Object value) {
        return value instanceof Map<?, ?> map && map.containsKey("#text") ? map.get("#text") : value;
    }

    /** The value at a dotted path of nested maps, or {@link #ABSENT}. */
    static Object path(Map<?, ?> start, List<String> parts) {
        Object current = start;
        for (String part : parts) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return ABSENT;
            }
            current = map.get(part);
        }
        return current;
    }

    @Override
    public String toString() {
        return "WindowsEventFields[" + shape() + "]" + root;
    }
}
