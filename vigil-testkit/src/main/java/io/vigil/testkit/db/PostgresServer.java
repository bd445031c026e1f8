package io.vigil.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server named by {@code VIGIL_TEST_PG_URL}, probed once per JVM. Each test gets its own
 * schema ({@code vigil_t_<random>}) selected through {@code currentSchema} in the URL, so tests can run
 * against one shared database without seeing each other.
 */
final class PostgresServer {

    static final String URL_VARIABLE = "VIGIL_TEST_PG_URL";
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private static volatile PostgresServer probed;

    private final String url;
    /** Why the server cannot be used, or {@code null} when it can. */
    private final String unavailableReason;

    private PostgresServer(String url, String unavailableReason) {
        this.url = url;
        this.unavailableReason = unavailableReason;
    }

    static PostgresServer fromEnvironment() {
        PostgresServer server = probed;
        if (server == null) {
            synchronized (PostgresServer.class) {
                if (probed == null) {
                    probed = probe(System.getenv(URL_VARIABLE));
                }
                server = probed;
            }
        }
        return server;
    }

    private static PostgresServer probe(String url) {
        if (url == null || url.isBlank()) {
            return new PostgresServer(null, URL_VARIABLE + " is not set (e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
        }
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return new PostgresServer(url, null);
        } catch (SQLException e) {
            return new PostgresServer(url, "PostgreSQL at " + redact(url) + " (" + URL_VARIABLE
                    + ") is unreachable: " + e.getMessage());
        }
    }

    /** {@code null} when the server can be used, otherwise why not. */
    String unavailableReason() {
        return unavailableReason;
    }

    TestDatabase createSchema() {
        if (unavailableReason != null) {
            throw new IllegalStateException(unavailableReason);
        }
        String schema = "vigil_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        String separator = url.contains("?") ? "&" : "?";
        return new TestDatabase(TestDatabase.Kind.POSTGRESQL, url + separator + "currentSchema=" + schema,
                null, null, () -> executeOrThrow("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    private void execute(String sql) {
        try {
            executeOrThrow(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    private void executeOrThrow(String sql) throws SQLException {
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(url, properties);
    }

    static String redact(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
    }
}
