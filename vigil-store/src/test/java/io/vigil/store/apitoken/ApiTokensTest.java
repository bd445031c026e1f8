package io.vigil.store.apitoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.Database;
import io.vigil.store.DuplicateException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class ApiTokensTest {

    private static final String OPERATOR_SECRET = "s3cr3t-from-the-operator-0123456789abcdef";

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private ApiTokens tokens;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        tokens = new ApiTokens(database.dataSource(), clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @AllDatabasesTest
    void issuedTokenVerifiesUntilRevoked() {
        IssuedApiToken issued = tokens.issue("ci-pipeline", "admin", null);

        assertThat(issued.secret()).matches("vga_" + issued.token().id().value().toString().replace("-", "")
                + "_[A-Za-z0-9_-]{43}");
        assertThat(tokens.verify(issued.secret())).contains(issued.token());

        assertThat(tokens.revoke(issued.token().id())).isTrue();

        assertThat(tokens.verify(issued.secret())).isEmpty();
        assertThat(tokens.list()).singleElement()
                .satisfies(token -> assertThat(token.revokedAt()).isEqualTo(clock.instant()));
    }

    @AllDatabasesTest
    void tokenStopsVerifyingAtItsExpiry() {
        IssuedApiToken issued = tokens.issue("report-job", "reports:read", clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.verify(issued.secret())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.verify(issued.secret())).isEmpty();
        assertThat(tokens.list()).containsExactly(issued.token());
    }

    @AllDatabasesTest
    void rejectsAnExpiryThatHasPassed() {
        assertThatThrownBy(() -> tokens.issue("late", "admin", clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.isEmpty()).isTrue();
    }

    @AllDatabasesTest
    void operatorSecretVerifiesAsIs() {
        IssuedApiToken issued = tokens.issueWithSecret("bootstrap", "admin", OPERATOR_SECRET);

        assertThat(issued.secret()).isEqualTo(OPERATOR_SECRET);
        assertThat(issued.token().expiresAt()).isNull();
        assertThat(tokens.verify(OPERATOR_SECRET)).contains(issued.token());
        assertThat(tokens.verify(OPERATOR_SECRET + "x")).isEmpty();
    }

    @AllDatabasesTest
    void rejectsShortOrRepeatedOperatorSecrets() {
        assertThatThrownBy(() -> tokens.issueWithSecret("bootstrap", "admin", "x".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
        assertThatThrownBy(() -> tokens.issueWithSecret("bootstrap", "admin", "with space " + "x".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
        tokens.issueWithSecret("bootstrap", "admin", OPERATOR_SECRET);

        assertThatThrownBy(() -> tokens.issueWithSecret("again", "admin", OPERATOR_SECRET))
                .isInstanceOf(DuplicateException.class)
                .hasMessageNotContaining(OPERATOR_SECRET);
    }

    @AllDatabasesTest
    void isEmptyUntilTheFirstTokenAndStaysFilledAfterRevocation() {
        assertThat(tokens.isEmpty()).isTrue();

        IssuedApiToken issued = tokens.issueWithSecret("bootstrap", "admin", OPERATOR_SECRET);
        tokens.revoke(issued.token().id());

        assertThat(tokens.isEmpty()).isFalse();
    }

    @AllDatabasesTest
    void storesOnlyTheSha256OfTheSecret() throws SQLException {
        IssuedApiToken issued = tokens.issue("ci", "admin", null);
        tokens.issueWithSecret("bootstrap", "admin", OPERATOR_SECRET);

        List<String> stored = storedValues(database);

        assertThat(stored).noneMatch(value -> value.contains(issued.secret().substring(37)));
        assertThat(stored).noneMatch(value -> value.contains(OPERATOR_SECRET.substring(0, 20)));
    }

    @AllDatabasesTest
    void malformedSecretsVerifyToEmpty() {
        IssuedApiToken issued = tokens.issue("ci", "admin", null);
        List<String> presented = new ArrayList<>(List.of("", "vga_", "Bearer " + issued.secret(),
                issued.secret().substring(1), issued.secret() + " ", "x".repeat(ApiTokens.MAX_SECRET + 1)));
        presented.add(null);

        for (String candidate : presented) {
            assertThat(tokens.verify(candidate)).as(String.valueOf(candidate)).isEmpty();
        }
    }

    @AllDatabasesTest
    void revokingIsIdempotentAndUnknownTokensAreNotFound() {
        IssuedApiToken issued = tokens.issue("ci", "admin", null);
        tokens.revoke(issued.token().id());
        Instant firstRevocation = clock.instant();
        clock.advance(Duration.ofHours(1));

        assertThat(tokens.revoke(issued.token().id())).isTrue();
        assertThat(tokens.list()).singleElement()
                .satisfies(token -> assertThat(token.revokedAt()).isEqualTo(firstRevocation));
        assertThat(tokens.revoke(ApiTokenId.random())).isFalse();
    }

    private static List<String> storedValues(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM api_token")) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    values.add(String.valueOf(rows.getObject(column)));
                }
            }
            return values;
        }
    }
}
