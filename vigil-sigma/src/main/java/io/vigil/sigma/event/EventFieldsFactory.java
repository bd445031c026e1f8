package io.vigil.sigma.event;

import java.util.Map;

/** Picks the {@link EventFields} adapter for a decoded JSON event by its structure. */
public final class EventFieldsFactory {

    private EventFieldsFactory() {
    }

    /**
     * {@link WindowsEventFields} when {@code event} is one of the {@link WindowsEventShape}s, else
     * {@link MapEventFields}.
     */
    public static EventFields of(Map<String, ?> event) {
        return WindowsEventShape.detect(event)
                .<EventFields>map(shape -> new WindowsEventFields(event, shape))
                .orElseGet(() -> new MapEventFields(event));
    }
}
