package io.vigil.core.error;

import java.time.Duration;
import java.util.Objects;

/** A failure that may clear by itself (back-pressure, disk full, a peer restarting). Retry after the hint. */
public non-sealed class TemporaryException extends VigilException {

    private final Duration retryAfter;

    public TemporaryException(String message, Duration retryAfter) {
        this(message, retryAfter, null);
    }

    public TemporaryException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
