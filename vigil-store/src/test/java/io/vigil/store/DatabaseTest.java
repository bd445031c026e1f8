package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    /** Every migration version, in order. */
    private static final String[] VERSIONS = {
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
            "21"};

    private static final List<String> TABLES =
            List.of("tenant", "ingest_key", "api_token", "recent_event", "pipeline_failure", "detection", "custom_rule",
                    "rule_toggle", "rule_exception", "access_request", "user_account", "role_binding", "recovery_code",
                    "user_session", "audit_entry", "audit_checkpoint", "placeholder_value", "mqtt_collector",
                    "ingest_rate_limit", "log_source", "source_signal", "sla_contract", "sla_alarm", "regulatory_clock", "regulatory_step",
                    "soc_incident", "soc_attachment", "soc_record", "soc_delivery", "event_retention", "platform_alert",
                    "platform_alert_delivery");

    @AllDatabasesTest
    void appliesAllMigrationsToAnEmptyDatabase(TestDatabase fixture) throws SQLException {
        try (Database database = TestStores.open(fixture)) {
            assertThat(database.dialect().name()).isEqualTo(fixture.kind().name());
            assertThat(appliedVersions(database)).containsExactly(VERSIONS);
            for (String table : TABLES) {
                assertThat(count(database, table)).as(table).isZero();
            }
        }
    }

    @AllDatabasesTest
    void reopeningAMigratedDatabaseAppliesNothingTwice(TestDatabase fixture) throws SQLException {
        try (Database database = TestStores.open(fixture)) {
            assertThat(appliedVersions(database)).hasSize(VERSIONS.length);
        }
        try (Database database = TestStores.open(fixture)) {
            assertThat(appliedVersions(database)).containsExactly(VERSIONS);
        }
    }

    @AllDatabasesTest
    void failedMigrationNamesTheUrl(TestDatabase fixture) throws SQLException {
        try (Connection connection = DriverManager.getConnection(fixture.url(), fixture.username(), fixture.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tenant (squatter INT)");
        }
        assertThatThrownBy(() -> TestStores.open(fixture))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("migrating the database at " + fixture.url() + " failed");
    }

    @Test
    void unreachableDatabaseFailsTemporarilyNamingTheUrlButNotThePassword() {
        DatabaseConfig config = new DatabaseConfig(
                "jdbc:postgresql://127.0.0.1:1/vigil?user=vigil&password=hunter2", null, "hunter3", 1);

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(TemporaryException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/vigil?user=vigil&password=***")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("hunter3");
    }

    @Test
    void keepsDataInH2FileModeAcrossRestarts(@TempDir Path directory) throws SQLException {
        DatabaseConfig config = new DatabaseConfig("jdbc:h2:file:" + directory.resolve("db/vigil"), null, null, 2);
        try (Database database = Database.open(config)) {
            execute(database, "INSERT INTO tenant (id, slug, display_name, timezone, status, created_at, updated_at) "
                    + "VALUES (RANDOM_UUID(), 'kept', 'Kept', 'UTC', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        try (Database database = Database.open(config)) {
            assertThat(database.dialect()).isEqualTo(Dialect.H2);
            assertThat(count(database, "tenant")).isOne();
        }
    }

    @Test
    void defaultsToEmbeddedH2UnderVar() {
        DatabaseConfig config = DatabaseConfig.defaults();

        assertThat(config.url()).startsWith("jdbc:h2:file:./var/db/vigil;MODE=PostgreSQL");
        assertThat(config.dialect()).isEqualTo(Dialect.H2);
        assertThat(config.username()).isEqualTo("sa");
        assertThat(config.password()).isNull();
        assertThat(config.maxPoolSize()).isEqualTo(10);
    }

    @Test
    void postgresqlHasNoDefaultUser() {
        DatabaseConfig config = new DatabaseConfig("jdbc:postgresql://db:5432/vigil", null, null, null);

        assertThat(config.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(config.username()).isNull();
    }

    @Test
    void configNeverPrintsPasswords() {
        DatabaseConfig config = new DatabaseConfig("jdbc:postgresql://db/vigil?password=hunter2", "vigil", "hunter3", 5);

        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("hunter3").contains("vigil");
    }

    @Test
    void rejectsUnsupportedDatabasesAndPoolSizes() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:mysql://db/vigil", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:mysql://db/vigil");
        assertThatThrownBy(() -> new DatabaseConfig(null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPoolSize");
    }

    @Test
    void addsTheH2CompatibilitySettingsAndRefusesContradictions() {
        assertThat(Database.withH2Settings("jdbc:h2:mem:x"))
                .contains(";MODE=PostgreSQL").contains(";DATABASE_TO_LOWER=TRUE").contains(";DEFAULT_NULL_ORDERING=HIGH");
        assertThat(Database.withH2Settings(DatabaseConfig.DEFAULT_URL)).isEqualTo(DatabaseConfig.DEFAULT_URL);
        assertThatThrownBy(() -> Database.withH2Settings("jdbc:h2:mem:x;MODE=MySQL"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MODE=PostgreSQL");
    }

    private static List<String> appliedVersions(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     // H2's history also holds a version-less marker row for its own creation.
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL "
                             + "ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
            return versions;
        }
    }

    static long count(Database database, String table) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
