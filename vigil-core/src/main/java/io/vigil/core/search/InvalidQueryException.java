package io.vigil.core.search;

/** A query the store refuses: bad syntax, an unknown cursor, or a query over the store's limits. */
public class InvalidQueryException extends IllegalArgumentException {

    public InvalidQueryException(String message) {
        super(message);
    }

    public InvalidQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
