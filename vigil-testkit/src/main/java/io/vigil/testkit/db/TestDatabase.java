package io.vigil.testkit.db;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

/**
 * One fresh, empty database for one test: what a {@code DatabaseConfig} needs (URL, username,
 * password) plus its kind. Closing it drops the database (H2) or the schema (PostgreSQL).
 */
public final class TestDatabase implements AutoCloseable {

    /** The database products every repository test runs on. */
    public enum Kind {
        H2, POSTGRESQL
    }

    @FunctionalInterface
    interface Cleanup {
        void run() throws SQLException;
    }

    private final Kind kind;
    private final String url;
    private final String username;
    private final String password;
    private final Cleanup cleanup;

    TestDatabase(Kind kind, String url, String username, String password, Cleanup cleanup) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.url = Objects.requireNonNull(url, "url");
        this.username = username;
        this.password = password;
        this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    }

    /** A new in-memory H2 database in the mode Vigil runs H2 in; it lives until {@link #close()}. */
    public static TestDatabase h2() {
        return H2Databases.create();
    }

    /**
     * A new schema in the PostgreSQL named by {@code VIGIL_TEST_PG_URL}.
     *
     * @throws IllegalStateException if that variable is unset or the server is unreachable
     */
    public static TestDatabase postgresql() {
        return PostgresServer.fromEnvironment().createSchema();
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    /** {@code null} where the URL carries the credentials. */
    public String username() {
        return username;
    }

    /** {@code null} where the URL carries the credentials. */
    public String password() {
        return password;
    }

    /** Drops the database or schema. */
    @Override
    public void close() {
        try {
            cleanup.run();
        } catch (SQLException e) {
            throw new IllegalStateException("dropping " + this + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // Shown in test names and failure messages: the URL, never a password.
        return kind.name().toLowerCase(Locale.ROOT) + " " + PostgresServer.redact(url);
    }
}
