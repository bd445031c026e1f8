package io.vigil.store;

import java.util.regex.Pattern;

/**
 * Where the relational store lives. A {@code null} component means its default.
 *
 * @param url         JDBC URL: {@code jdbc:h2:file:<path>} (embedded) or {@code jdbc:postgresql://<host>:5432/<db>}; default {@code jdbc:h2:file:./var/db/vigil}
 * @param username    database user; default {@code sa} for H2 and none for PostgreSQL (then the URL or the driver's defaults apply)
 * @param password    database password; default none
 * @param maxPoolSize most connections held open at once (1-1000); default 10
 */
public record DatabaseConfig(String url, String username, String password, Integer maxPoolSize) {

    /**
     * The embedded database under {@code var/}. The settings make H2 speak the PostgreSQL dialect of
     * the shared migrations; {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to {@link Database#close()},
     * so that H2's own shutdown hook does not close the database under a pipeline that is still draining.
     * Pipeline outputs additionally sync after their commits ({@link Dialect#syncCommitted}).
     */
    public static final String DEFAULT_URL = "jdbc:h2:file:./var/db/vigil;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
    public static final String DEFAULT_H2_USERNAME = "sa";
    public static final int DEFAULT_MAX_POOL_SIZE = 10;
    public static final int MAX_POOL_SIZE = 1000;

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    public DatabaseConfig {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        Dialect dialect = Dialect.fromUrl(url);
        if (username == null && dialect == Dialect.H2) {
            username = DEFAULT_H2_USERNAME;
        }
        if (maxPoolSize == null) {
            maxPoolSize = DEFAULT_MAX_POOL_SIZE;
        } else if (maxPoolSize < 1 || maxPoolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("maxPoolSize must be 1-" + MAX_POOL_SIZE + ": " + maxPoolSize);
        }
    }

    /** All defaults: the embedded H2 database. */
    public static DatabaseConfig defaults() {
        return new DatabaseConfig(null, null, null, null);
    }

    public Dialect dialect() {
        return Dialect.fromUrl(url);
    }

    @Override
    public String toString() {
        // Configuration gets logged; the password never does, in its component or inside the URL.
        return "DatabaseConfig[url=" + redact(url) + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", maxPoolSize=" + maxPoolSize + "]";
    }

    /** The URL with any {@code password=} value masked, for messages and logs. */
    static String redact(String url) {
        return url == null ? null : PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
    }
}
