package io.vigil.server.hunt;

import java.util.Map;
import java.util.Objects;

/** One record read from a log file: a decoded JSON object, or a malformed record with its reason. */
sealed interface LogRecord {

    long line();

    record Decoded(long line, Map<String, Object> event) implements LogRecord {
        public Decoded {
            Objects.requireNonNull(event, "event");
        }
    }

    record Malformed(long line, String reason) implements LogRecord {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
