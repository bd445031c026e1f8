package io.vigil.core.journal;

import io.vigil.core.error.TemporaryException;
import java.time.Duration;

/** The journal refuses new data for now: backlog over its limit or disk space below its floor. */
public final class JournalFullException extends TemporaryException {

    public JournalFullException(String message, Duration retryAfter) {
        super(message, retryAfter);
    }
}
