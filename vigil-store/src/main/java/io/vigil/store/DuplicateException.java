package io.vigil.store;

import io.vigil.core.error.PermanentException;

/** A create that collides with a unique name (a tenant slug); repeating it cannot succeed. */
public class DuplicateException extends PermanentException {

    public DuplicateException(String message) {
        super(message);
    }
}
