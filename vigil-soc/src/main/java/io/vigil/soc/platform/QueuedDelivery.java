package io.vigil.soc.platform;

import java.util.Objects;

/**
 * A message to the operators on one channel as {@link PlatformAlertStore} keeps it: the delivery's state with the
 * message itself, so that one still pending when the process stops is sent after the restart, under the same
 * delivery id (receivers de-duplicate on it).
 */
public record QueuedDelivery(OperatorDelivery delivery, OperatorMessage message) {

    public QueuedDelivery {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(message, "message");
        if (!delivery.alertId().equals(message.alert().id()) || delivery.event() != message.event()) {
            throw new IllegalArgumentException("delivery " + delivery.id() + " is not of this message");
        }
    }
}
