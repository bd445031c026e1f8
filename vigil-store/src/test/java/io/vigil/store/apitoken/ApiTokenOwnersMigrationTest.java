package io.vigil.store.apitoken;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import io.vigil.store.secret.SecretBox;
import io.vigil.store.secret.Secrets;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * Migration V11 on a database that already holds API tokens from before accounts existed (version 10): each token
 * becomes the token of a service account holding the token's former role on all tenants, and keeps its secret,
 * expiry and revocation.
 */
class ApiTokenOwnersMigrationTest {

    private static final String ADMIN_SECRET = "vga_operator-chosen-secret-0123456789abcdef";
    private static final String T1_SECRET = "vga_another-operator-secret-0123456789abcdef";
    private static final String REVOKED_SECRET = "vga_a-revoked-operator-secret-0123456789abcd";

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");

    @AllDatabasesTest
    void tokensOfAVersion10DatabaseBecomeServiceAccounts(TestDatabase fixture) throws SQLException {
        String url = fixture.kind() == TestDatabase.Kind.H2 ? TestStores.h2Url(fixture.url()) : fixture.url();
        Flyway.configure(getClass().getClassLoader()).dataSource(url, fixture.username(), fixture.password())
                .locations("classpath:db/migration").target("10").load().migrate();
        UUID admin = UUID.randomUUID();
        UUID t1 = UUID.randomUUID();
        UUID revoked = UUID.randomUUID();
        Instant created = Instant.parse("2025-01-10T08:00:00Z");
        try (Connection connection = DriverManager.getConnection(url, fixture.username(), fixture.password())) {
            insert(connection, admin, "ops automation", "platform-admin", ADMIN_SECRET, created, null, null);
            insert(connection, t1, "triage bot", "analyst-t1", T1_SECRET, created, Instant.parse("2026-01-01T00:00:00Z"), null);
            insert(connection, revoked, "old", "platform-admin", REVOKED_SECRET, created, null, created.plusSeconds(60));
        }

        try (Database database = TestStores.open(fixture)) {
            ApiTokens tokens = new ApiTokens(database.dataSource(), clock);
            Users users = new Users(database.dataSource(), clock, SecretBox.withRandomKey());
            RoleBindings bindings = new RoleBindings(database.dataSource(), clock);

            ApiToken adminToken = tokens.verify(ADMIN_SECRET).orElseThrow();
            assertThat(adminToken.owner()).isEqualTo(admin);
            assertThat(adminToken.tenants()).as("not narrowed").isNull();
            assertThat(adminToken.permissions()).isNull();
            UserAccount owner = users.find(admin).orElseThrow();
            assertThat(owner.kind()).isEqualTo(ActorKind.SERVICE);
            assertThat(owner.displayName()).isEqualTo("ops automation");
            assertThat(owner.login()).isEqualTo("service-" + admin.toString().replace("-", ""));
            assertThat(owner.hasPassword()).isFalse();
            assertThat(bindings.active(admin, clock.instant())).containsExactly(RoleBinding.allTenants(Role.PLATFORM_ADMIN));

            ApiToken t1Token = tokens.verify(T1_SECRET).orElseThrow();
            assertThat(t1Token.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(bindings.active(t1, clock.instant())).containsExactly(RoleBinding.allTenants(Role.ANALYST_T1));

            assertThat(tokens.verify(REVOKED_SECRET)).as("revoked stays revoked").isEmpty();
            assertThat(tokens.find(new ApiTokenId(revoked)).orElseThrow().owner()).isEqualTo(revoked);
            assertThat(tokens.ownedBy(admin)).extracting(ApiToken::label).containsExactly("ops automation");
        }
    }

    private static void insert(Connection connection, UUID id, String label, String scope, String secret, Instant created,
                               Instant expires, Instant revokedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_token (id, label, scope, secret_sha256, "
                + "created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, label);
            insert.setString(3, scope);
            insert.setString(4, Secrets.hex(Secrets.sha256(secret)));
            insert.setTimestamp(5, Timestamp.from(created));
            insert.setTimestamp(6, expires == null ? null : Timestamp.from(expires));
            insert.setTimestamp(7, revokedAt == null ? null : Timestamp.from(revokedAt));
            insert.executeUpdate();
        }
    }
}
