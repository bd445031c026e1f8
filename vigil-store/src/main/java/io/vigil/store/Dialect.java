package io.vigil.store;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The database products the store runs on. Migrations and queries are one SQL for both (H2 runs in its
 * PostgreSQL mode); the few statements that differ ask the dialect.
 */
public enum Dialect {
    H2,
    POSTGRESQL;

    /**
     * The dialect of a JDBC URL.
     *
     * @throws IllegalArgumentException for any other database
     */
    public static Dialect fromUrl(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (jdbc:h2: or jdbc:postgresql: expected): "
                + DatabaseConfig.redact(jdbcUrl));
    }

    /**
     * An {@code INSERT} of one row that silently skips a row whose {@code uniqueKey} exists already: the
     * idempotent write that outputs need because a journal replay delivers events again.
     */
    public String insertIgnoringDuplicates(String table, List<String> columns, String uniqueKey) {
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return switch (this) {
            case POSTGRESQL -> insert + " ON CONFLICT (" + uniqueKey + ") DO NOTHING";
            // H2's PostgreSQL mode accepts ON CONFLICT only without a conflict target; it then skips a
            // row that violates any unique constraint. Our tables' only other unique key is a generated
            // seq, so the effect is the same.
            case H2 -> insert + " ON CONFLICT DO NOTHING";
        };
    }

    /**
     * Makes what was just committed survive a killed process and a power loss. PostgreSQL's commit
     * already does (synchronous_commit). H2 writes committed changes in the background, so without a
     * sync a journal position committed after an output's commit could outlive the output's rows.
     */
    public void syncCommitted(java.sql.Connection connection) throws java.sql.SQLException {
        if (this == H2) {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }
}
