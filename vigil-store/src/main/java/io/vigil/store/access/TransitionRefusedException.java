package io.vigil.store.access;

import io.vigil.core.error.PermanentException;

/**
 * A state change that the request's current state does not allow: approving a withdrawn request, revoking an
 * expired grant. Of two racing changes, the loser gets this.
 */
public final class TransitionRefusedException extends PermanentException {

    private final AccessRequestState current;

    public TransitionRefusedException(String message, AccessRequestState current) {
        super(message);
        this.current = current;
    }

    /** The state the request was found in. */
    public AccessRequestState current() {
        return current;
    }
}
