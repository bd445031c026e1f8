package io.vigil.soc.platform;

import java.util.List;

/**
 * Where {@link PlatformAlerts} keeps its episodes, so that a restart in the middle of one carries it on (no second
 * "raised" message for a problem operators were already told about) and the resolved ones stay listed. Written at
 * each change of an alert's state; an implementation may fail (the database may sit on the very disk that filled
 * up), and the engine then keeps the alert in memory and tries again each round.
 */
public interface PlatformAlertStore {

    /** Alerts open or clearing, as last saved. */
    List<PlatformAlert> unresolved();

    /** Resolved alerts, newest first, at most {@code limit}. */
    List<PlatformAlert> resolved(int limit);

    /** Inserts the alert, or replaces the one with its id. */
    void save(PlatformAlert alert);
}
