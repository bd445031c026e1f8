package io.vigil.core.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a {@link Decoder} made of one raw event. */
public sealed interface DecodeResult {

    /**
     * One or more events' fields (a JSON array, a multi-record audit event…), and the parts of the input that were
     * not records of the format ({@code rejected}: a garbage line inside an audit log file), which the pipeline
     * keeps in the failure store beside the events instead of dropping them.
     */
    record Decoded(List<Map<String, Object>> events, List<Rejected> rejected) implements DecodeResult {
        public Decoded {
            events = List.copyOf(events);
            rejected = List.copyOf(rejected);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("decoded result without events: use Failed or Skipped");
            }
        }

        public Decoded(List<Map<String, Object>> events) {
            this(events, List.of());
        }

        public static Decoded one(Map<String, Object> fields) {
            return new Decoded(List.of(fields));
        }
    }

    /** Part of a raw event that is not a record of its format: its bytes and why; it goes to the failure store. */
    record Rejected(String reason, byte[] bytes) {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** Bytes that carry no event by design (a keep-alive); counted, not stored. */
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
