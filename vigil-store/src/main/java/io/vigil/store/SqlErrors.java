package io.vigil.store;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.error.VigilException;
import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

/**
 * Turns a {@link SQLException} into the failure type that tells the caller whether to retry. The pipeline
 * retries a {@link TemporaryException} and stops on anything else, so only failures that a retry can
 * clear are temporary: a lost or refused connection, an exhausted pool, a server restarting, a
 * transaction rolled back by a serialization conflict or deadlock.
 */
public final class SqlErrors {

    /** How long a caller should wait before retrying a temporary failure. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    // Messages of batch failures can quote bound values (tenant data); keep messages short and let
    // the cause carry the details.
    private static final int MAX_MESSAGE = 500;
    private static final int MAX_CHAIN = 16;

    private SqlErrors() {
    }

    /** The failure to throw when {@code action} (e.g. "writing 20 events to recent-events") failed. */
    public static VigilException translate(String action, SQLException e) {
        SQLException specific = mostSpecific(e);
        String message = action + " failed: " + shorten(specific.getMessage());
        return isTransient(e)
                ? new TemporaryException(message, RETRY_AFTER, specific)
                : new PermanentException(message, specific);
    }

    /** Whether a retry of the same work may succeed. */
    public static boolean isTransient(SQLException e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < MAX_CHAIN; t = next(t), depth++) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A unique constraint was violated (SQLState 23505 on both databases). */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(mostSpecific(e).getSQLState());
    }

    /** A row refers to a parent that does not exist (PostgreSQL 23503, H2 23506). */
    public static boolean isMissingParent(SQLException e) {
        String state = mostSpecific(e).getSQLState();
        return "23503".equals(state) || "23506".equals(state);
    }

    private static boolean transientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") // connection exception
                || state.startsWith("40") // transaction rollback: serialization failure, deadlock
                || state.startsWith("57P0"); // PostgreSQL: server shutting down, crashed or starting
    }

    /** For a batch, the error of the failed statement rather than the batch's summary. */
    private static SQLException mostSpecific(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException();
        }
        return e;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t) {
            return sql.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String shorten(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
