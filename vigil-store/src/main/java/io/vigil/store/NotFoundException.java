package io.vigil.store;

import io.vigil.core.error.PermanentException;

/**
 * A change to something that does not exist (for the caller: an object of another tenant is reported the
 * same way).
 */
public class NotFoundException extends PermanentException {

    public NotFoundException(String message) {
        super(message);
    }
}
