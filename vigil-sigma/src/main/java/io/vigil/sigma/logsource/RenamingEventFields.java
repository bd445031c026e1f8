package io.vigil.sigma.logsource;

import io.vigil.sigma.event.EventFields;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A view that answers a Sigma field name the event lacks from the event field the mapping names for it. The
 * event's own field always wins: a rename never hides a field the event has (Security 4688 has a raw
 * {@code ProcessId} that must stay what a {@code service: security} rule expects).
 */
record RenamingEventFields(EventFields base, Map<String, List<String>> renames) implements EventFields {

    @Override
    public Object get(String sigmaFieldName) {
        // A non-null value proves presence, so contains() is asked only for fields that read as null.
        Object value = base.get(sigmaFieldName);
        if (value != null) {
            return value;
        }
        List<String> eventNames = renames.get(sigmaFieldName);
        if (eventNames == null || base.contains(sigmaFieldName)) {
            return null;
        }
        for (String eventName : eventNames) {
            Object renamed = base.get(eventName);
            if (renamed != null || base.contains(eventName)) {
                return renamed;
            }
        }
        return null;
    }

    @Override
    public boolean contains(String sigmaFieldName) {
        if (base.contains(sigmaFieldName)) {
            return true;
        }
        for (String eventName : renames.getOrDefault(sigmaFieldName, List.of())) {
            if (base.contains(eventName)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void forEachKeywordValue(Consumer<Object> action) {
        base.forEachKeywordValue(action);
    }

    /** The base's fields, then each renamed name the base lacks under the value {@link #get} gives it. */
    @Override
    public boolean forEachField(BiConsumer<String, Object> action) {
        if (!base.forEachField(action)) {
            return false;
        }
        renames.forEach((sigmaName, eventNames) -> {
            if (!base.contains(sigmaName)) {
                for (String eventName : eventNames) {
                    if (base.contains(eventName)) {
                        action.accept(sigmaName, base.get(eventName));
                        return;
                    }
                }
            }
        });
        return true;
    }
}
