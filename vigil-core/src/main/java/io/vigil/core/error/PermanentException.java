package io.vigil.core.error;

/** A failure that retrying the same request cannot fix (corrupt data, a closed component). */
public non-sealed class PermanentException extends VigilException {

    public PermanentException(String message) {
        super(message, null);
    }

    public PermanentException(String message, Throwable cause) {
        super(message, cause);
    }
}
