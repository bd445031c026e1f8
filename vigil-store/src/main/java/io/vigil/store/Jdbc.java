package io.vigil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * The few JDBC habits every repository of this module shares: a unit of work on a pooled connection
 * with failures translated by {@link SqlErrors}, and values as both databases keep them. Public only
 * because the repositories live in feature sub-packages; not an API for other modules.
 */
public final class Jdbc {

    /** Work on a connection; may throw {@link SQLException}, which the caller translates. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    // Both databases keep timestamps with microsecond precision (PostgreSQL's limit). Values are
    // truncated before they are written so that what a method returns equals what a later read returns.
    private static final ChronoUnit PRECISION = ChronoUnit.MICROS;
    // PostgreSQL's timestamptz spans 4713 BC to 294276 AD; an event time outside years 1-9999 is
    // nonsense from a source, and must not fail the write (that would stop the pipeline).
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Jdbc() {
    }

    /** Runs {@code work} on one connection in auto-commit mode. */
    public static <T> T withConnection(DataSource dataSource, String action, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.translate(action, e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public static <T> T inTransaction(DataSource dataSource, String action, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(action, e);
        }
    }

    /**
     * Makes every commit so far durable (see {@link Dialect#syncCommitted}). Outputs of the pipeline call
     * it from their {@code flush()}, which the pipeline calls before committing its journal position.
     */
    public static void syncCommitted(DataSource dataSource, Dialect dialect, String action) {
        withConnection(dataSource, action, connection -> {
            dialect.syncCommitted(connection);
            return null;
        });
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Now, at the precision the databases keep. */
    public static Instant now(Clock clock) {
        return asStored(clock.instant());
    }

    /** An instant at the precision the databases keep; {@code null} stays {@code null}. */
    public static Instant asStored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(PRECISION);
    }

    /** An instant as a {@code TIMESTAMP WITH TIME ZONE} parameter; {@code null} stays {@code null}. */
    public static OffsetDateTime timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant bounded = instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
        return OffsetDateTime.ofInstant(bounded.truncatedTo(PRECISION), ZoneOffset.UTC);
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant; {@code null} stays {@code null}. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Text as PostgreSQL can store it: it rejects the NUL character in text columns, which decoders quote
     * from binary input into failure reasons and which a source name may carry.
     */
    public static String text(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }
}
