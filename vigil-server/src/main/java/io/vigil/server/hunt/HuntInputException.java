package io.vigil.server.hunt;

/** An input the hunt cannot start with (a missing path, an unreadable placeholder file, no rules): exit code 2. */
public final class HuntInputException extends RuntimeException {

    public HuntInputException(String message) {
        super(message);
    }

    public HuntInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
