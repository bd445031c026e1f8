package io.vigil.store.apitoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.secret.SecretBox;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.DuplicateException;
import io.vigil.store.TestStores;
import io.vigil.store.identity.NewUser;
import io.vigil.store.identity.Users;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class ApiTokensTest {

    private static final String OPERATOR_SECRET = "s3cr3t-from-the-operator-0123456789abcdef";

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private ApiTokens tokens;
    private UUID owner;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        tokens = new ApiTokens(database.dataSource(), clock);
        owner = new Users(database.dataSource(), clock, SecretBox.withRandomKey())
                .create(new NewUser("ci-service", "CI", ActorKind.SERVICE, null, null, false)).id();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @AllDatabasesTest
    void issuedTokenVerifiesUntilRevoked() {
        IssuedApiToken issued = tokens.issue(owner, "ci-pipeline", null, null, null);

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
        IssuedApiToken issued = tokens.issue(owner, "report-job", null, null, clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.verify(issued.secret())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.verify(issued.secret())).isEmpty();
        assertThat(tokens.list()).containsExactly(issued.token());
    }

    @AllDatabasesTest
    void rejectsAnExpiryThatHasPassed() {
        assertThatThrownBy(() -> tokens.issue(owner, "late", null, null, clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.isEmpty()).isTrue();
    }

    @AllDatabasesTest
    void operatorSecretVerifiesAsIs() {
        IssuedApiToken issued = tokens.issueWithSecret(owner, "bootstrap", OPERATOR_SECRET);

        assertThat(issued.secret()).isEqualTo(OPERATOR_SECRET);
        assertThat(issued.token().expiresAt()).isNull();
        assertThat(tokens.verify(OPERATOR_SECRET)).contains(issued.token());
        assertThat(tokens.verify(OPERATOR_SECRET + "x")).isEmpty();
    }

    @AllDatabasesTest
    void rejectsShortOrRepeatedOperatorSecrets() {
        assertThatThrownBy(() -> tokens.issueWithSecret(owner, "bootstrap", "x".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
        assertThatThrownBy(() -> tokens.issueWithSecret(owner, "bootstrap", "with space " + "x".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class);
        tokens.issueWithSecret(owner, "bootstrap", OPERATOR_SECRET);

        assertThatThrownBy(() -> tokens.issueWithSecret(owner, "again", OPERATOR_SECRET))
                .isInstanceOf(DuplicateException.class)
                .hasMessageNotContaining(OPERATOR_SECRET);
    }

    @AllDatabasesTest
    void isEmptyUntilTheFirstTokenAndStaysFilledAfterRevocation() {
        assertThat(tokens.isEmpty()).isTrue();

        IssuedApiToken issued = tokens.issueWithSecret(owner, "bootstrap", OPERATOR_SECRET);
        tokens.revoke(issued.token().id());

        assertThat(tokens.isEmpty()).isFalse();
    }

    @AllDatabasesTest
    void storesOnlyTheSha256OfTheSecret() throws SQLException {
        IssuedApiToken issued = tokens.issue(owner, "ci", null, null, null);
        tokens.issueWithSecret(owner, "bootstrap", OPERATOR_SECRET);

        List<String> stored = storedValues(database);

        assertThat(stored).noneMatch(value -> value.contains(issued.secret().substring(37)));
        assertThat(stored).noneMatch(value -> value.contains(OPERATOR_SECRET.substring(0, 20)));
    }

    @AllDatabasesTest
    void malformedSecretsVerifyToEmpty() {
        IssuedApiToken issued = tokens.issue(owner, "ci", null, null, null);
        List<String> presented = new ArrayList<>(List.of("", "vga_", "Bearer " + issued.secret(),
                issued.secret().substring(1), issued.secret() + " ", "x".repeat(ApiTokens.MAX_SECRET + 1)));
        presented.add(null);

        for (String candidate : presented) {
            assertThat(tokens.verify(candidate)).as(String.valueOf(candidate)).isEmpty();
        }
    }

    @AllDatabasesTest
    void revokingIsIdempotentAndUnknownTokensAreNotFound() {
        IssuedApiToken issued = tokens.issue(owner, "ci", null, null, null);
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

    @AllDatabasesTest
    void keepsItsOwnerAndScope() {
        TenantId acme = TenantId.random();
        Set<Permission> read = EnumSet.of(Permission.EVENTS_READ, Permission.DETECTIONS_READ);
        IssuedApiToken narrowed = tokens.issue(owner, "reporting", Set.of(acme), read, null);
        clock.advance(Duration.ofSeconds(1));
        IssuedApiToken full = tokens.issue(owner, "ci", null, null, null);

        ApiToken verified = tokens.verify(narrowed.secret()).orElseThrow();
        assertThat(verified.owner()).isEqualTo(owner);
        assertThat(verified.tenants()).containsExactly(acme);
        assertThat(verified.permissions()).isEqualTo(read);
        assertThat(tokens.verify(full.secret()).orElseThrow().tenants()).isNull();
        assertThat(tokens.ownedBy(owner)).containsExactly(narrowed.token(), full.token());
        assertThat(tokens.find(full.token().id())).contains(full.token());
    }

    @AllDatabasesTest
    void revokesEveryTokenOfAnAccount() {
        IssuedApiToken first = tokens.issue(owner, "one", null, null, null);
        IssuedApiToken second = tokens.issue(owner, "two", null, null, null);

        assertThat(tokens.revokeAllOf(owner)).isEqualTo(2);

        assertThat(tokens.verify(first.secret())).isEmpty();
        assertThat(tokens.verify(second.secret())).isEmpty();
        assertThat(tokens.revokeAllOf(owner)).isZero();
    }
}
