package io.vigil.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Fresh in-memory H2 databases, one per test. */
final class H2Databases {

    // The compatibility settings Vigil's store runs H2 with (one SQL dialect for H2 and PostgreSQL).
    // They are fixed per database, so the cleanup connection must repeat them.
    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private static final String USER = "sa";
    private static final String PASSWORD = "";

    private H2Databases() {
    }

    static TestDatabase create() {
        String name = "vigil_t_" + UUID.randomUUID().toString().replace("-", "");
        // DB_CLOSE_DELAY=-1 keeps the database while no connection is open (a test may reopen it);
        // SHUTDOWN in the cleanup frees its memory.
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + SETTINGS;
        return new TestDatabase(TestDatabase.Kind.H2, url, USER, PASSWORD, () -> shutdown(url));
    }

    private static void shutdown(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
