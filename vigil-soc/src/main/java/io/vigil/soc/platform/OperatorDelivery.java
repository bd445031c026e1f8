package io.vigil.soc.platform;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to the operators on one channel: pending until sent; failed after the last attempt or a permanent
 * failure (then logged at ERROR, since nobody else will hear of it).
 */
public record OperatorDelivery(UUID id, UUID alertId, OperatorMessage.Event event, String channel, State state,
                               int attempts, Instant nextAttemptAt, String lastError, Instant updatedAt) {

    public enum State { PENDING, DELIVERED, FAILED }

    public OperatorDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        lastError = lastError == null || lastError.length() <= 1000 ? lastError : lastError.substring(0, 1000);
    }

    OperatorDelivery attempted(State state, Instant next, String error, Instant now) {
        return new OperatorDelivery(id, alertId, event, channel, state, attempts + 1, next, error, now);
    }
}
