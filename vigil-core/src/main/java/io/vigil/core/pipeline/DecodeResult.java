package io.vigil.core.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a {@link Decoder} made of one raw event. */
public sealed interface DecodeResult {

    /** One or more events' fields (a JSON array, a multi-record audit event…). */
    record Decoded(List<Map<String, Object>> events) implements DecodeResult {
        public Decoded {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("decoded result without events: use Skipped");
            }
        }

        public static Decoded one(Map<String, Object> fields) {
            return new Decoded(List.of(fields));
        }
    }

    /** Bytes that carry no event by design (a header line, a keep-alive); counted, not stored. */
    record Skipped(String reason) implements DecodeResult {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Bytes that should have been an event but are not; they go to the failure store. */
    record Failed(String reason) implements DecodeResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
