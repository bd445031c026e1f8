package io.vigil.soc.platform;

import java.util.List;

/**
 * Where {@link PlatformAlerts} keeps its episodes and its messages to operators, so that a restart in the middle of
 * an episode carries it on (no second "raised" message for a problem operators were already told about), a message
 * still waiting for a retry is sent after the restart, and the resolved alerts and ended deliveries stay listed.
 * Written at each change of an alert's or a delivery's state; an implementation may fail (the database may sit on the
 * very disk that filled up), and the engine then keeps the change in memory and tries again each round.
 */
public interface PlatformAlertStore {

    /** Alerts open or clearing, as last saved. */
    List<PlatformAlert> unresolved();

    /** Resolved alerts, newest first, at most {@code limit}. */
    List<PlatformAlert> resolved(int limit);

    /** Inserts the alert, or replaces the one with its id. */
    void save(PlatformAlert alert);

    /** Deliveries still pending, with their messages, oldest first. */
    List<QueuedDelivery> pendingDeliveries();

    /** Deliveries that ended (delivered or failed), most recently changed first, at most {@code limit}. */
    List<OperatorDelivery> finishedDeliveries(int limit);

    /** Inserts the delivery with its message, or replaces the one with its id. */
    void saveDelivery(QueuedDelivery delivery);
}
