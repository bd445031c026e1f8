package io.vigil.soc.platform;

import java.util.UUID;

/** One way of reaching the MSSP's operators (their e-mail list, their webhook). */
public interface OperatorChannel {

    /** Short and stable: {@code email}, {@code webhook}; shown with each delivery. */
    String name();

    /**
     * @param deliveryId the same on every retry of this message on this channel, for de-duplication by the receiver
     * @throws io.vigil.core.error.TemporaryException when trying again later may succeed
     * @throws io.vigil.core.error.PermanentException when it never will
     */
    void send(OperatorMessage message, UUID deliveryId);
}
