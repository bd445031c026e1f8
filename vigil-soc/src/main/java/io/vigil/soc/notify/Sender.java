package io.vigil.soc.notify;

/** Sends one notification through one route. */
public interface Sender {

    /**
     * @throws io.vigil.core.error.TemporaryException when trying again later may succeed (unreachable, 5xx, 429)
     * @throws io.vigil.core.error.PermanentException when it never will (refused target, 4xx, bad address)
     */
    void send(Route route, Notification notification, java.util.UUID deliveryId);
}
