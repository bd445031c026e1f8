package io.vigil.server.search;

import io.vigil.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** A stored event as the API shows it. */
record EventView(String id, String tenant, Map<String, String> source, Instant time, Instant receivedAt,
                 Map<String, Object> common, Map<String, Object> fields, String raw) {

    static EventView of(Event event) {
        return new EventView(event.id().toString(), event.tenant().toString(),
                Map.of("input", event.source().input(), "name", event.source().name(), "codec", event.source().codec()),
                event.time(), event.receivedAt(), event.common(), event.fields(),
                new String(event.raw(), StandardCharsets.UTF_8));
    }
}
