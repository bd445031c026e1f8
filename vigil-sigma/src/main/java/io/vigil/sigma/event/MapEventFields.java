package io.vigil.sigma.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fields of a nested {@code Map<String, Object>} (for example decoded JSON). A Sigma field name is looked up as
 * a literal top-level key first, so {@code "user.name"} finds a flat key of that name before the path
 * {@code user} &rarr; {@code name}.
 */
public final class MapEventFields implements EventFields {

    private static final Object ABSENT = new Object();
    private final Map<String, ?> event;

    public MapEventFields(Map<String, ?> event) {
        this.event = Objects.requireNonNull(event, "event");
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
        forEachLeaf(event, action);
    }

    private Object lookup(String name) {
        if (event.containsKey(name)) {
            return event.get(name);
        }
        if (name.indexOf('.') < 0) {
            return ABSENT;
        }
        Object current = event;
        for (String part : name.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return ABSENT;
            }
            current = map.get(part);
        }
        return current;
    }

    static void forEachLeaf(Object value, Consumer<Object> action) {
        // Type tests rather than a pattern switch: this runs for every value of every event.
        if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                forEachLeaf(element, action);
            }
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                forEachLeaf(element, action);
            }
        } else if (value != null) {
            action.accept(value);
        }
    }
}
