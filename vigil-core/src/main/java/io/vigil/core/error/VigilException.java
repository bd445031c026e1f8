package io.vigil.core.error;

/**
 * Root of Vigil's own failures. Whether a caller may retry is decided by the type, never by the message:
 * a {@link TemporaryException} may succeed later, a {@link PermanentException} never will.
 */
public abstract sealed class VigilException extends RuntimeException
        permits TemporaryException, PermanentException {

    protected VigilException(String message, Throwable cause) {
        super(message, cause);
    }
}
