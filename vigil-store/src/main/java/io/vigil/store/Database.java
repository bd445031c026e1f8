package io.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vigil.core.error.PermanentException;
import io.vigil.core.error.VigilException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The relational database: a connection pool on which the schema migrations have been applied. Open one
 * per process and hand {@link #dataSource()} to the repositories; close it last.
 */
public final class Database implements AutoCloseable {

    static final String MIGRATIONS = "classpath:db/migration";

    // The shared migrations and queries are written for PostgreSQL; these make H2 accept them. An H2
    // URL may omit them (they are added) but may not contradict them.
    private static final Map<String, String> H2_SETTINGS = Map.of(
            "MODE", "PostgreSQL",
            "DATABASE_TO_LOWER", "TRUE",
            "DEFAULT_NULL_ORDERING", "HIGH");

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String shownUrl;

    private Database(HikariDataSource pool, Dialect dialect, String shownUrl) {
        this.pool = pool;
        this.dialect = dialect;
        this.shownUrl = shownUrl;
    }

    /**
     * Connects and migrates the schema to the newest version.
     *
     * @throws io.vigil.core.error.TemporaryException if the database cannot be reached
     * @throws PermanentException                     if it refuses the connection or a migration fails
     */
    public static Database open(DatabaseConfig config) {
        Dialect dialect = config.dialect();
        String url = dialect == Dialect.H2 ? withH2Settings(config.url()) : config.url();
        String shownUrl = DatabaseConfig.redact(url);

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("vigil-store");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw unreachable(shownUrl, e);
        }
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new PermanentException("migrating the database at " + shownUrl + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect, shownUrl);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Database[" + dialect + " " + shownUrl + "]";
    }

    static String withH2Settings(String url) {
        StringBuilder result = new StringBuilder(url);
        String upper = url.toUpperCase(Locale.ROOT);
        H2_SETTINGS.forEach((key, required) -> {
            String given = setting(upper, key);
            if (given == null) {
                result.append(';').append(key).append('=').append(required);
            } else if (!given.equalsIgnoreCase(required)) {
                throw new IllegalArgumentException("H2 must run with " + key + "=" + required
                        + " (the migrations are shared with PostgreSQL): " + DatabaseConfig.redact(url));
            }
        });
        return result.toString();
    }

    private static String setting(String upperUrl, String key) {
        int start = upperUrl.indexOf(';' + key + '=');
        if (start < 0) {
            return null;
        }
        int valueStart = start + key.length() + 2;
        int end = upperUrl.indexOf(';', valueStart);
        return upperUrl.substring(valueStart, end < 0 ? upperUrl.length() : end);
    }

    private static VigilException unreachable(String shownUrl, RuntimeException e) {
        String action = "connecting to the database at " + shownUrl;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return SqlErrors.translate(action, sql);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new PermanentException(action + " failed: " + e.getMessage(), e);
    }
}
