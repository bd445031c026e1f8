package io.vigil.store.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.secret.SecretBox;
import io.vigil.core.access.ActorKind;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.DuplicateException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class UsersTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private Users users;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        users = new Users(database.dataSource(), clock, SecretBox.withRandomKey());
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @AllDatabasesTest
    void createsAndFindsAccountsWithLowerCaseLogins() {
        assertThat(users.isEmpty()).isTrue();
        UserAccount alice = users.create(new NewUser("Alice@Example.com", "Alice", ActorKind.MSSP_STAFF, null, HASH, true));

        assertThat(users.isEmpty()).isFalse();
        assertThat(alice.login()).isEqualTo("alice@example.com");
        assertThat(alice.hasPassword()).isTrue();
        assertThat(alice.passwordMustChange()).isTrue();
        assertThat(alice.passwordChangedAt()).isEqualTo(clock.instant());
        assertThat(alice.totpEnrolled()).isFalse();
        assertThat(alice.actor().kind()).isEqualTo(ActorKind.MSSP_STAFF);
        assertThat(users.find(alice.id())).contains(alice);
        assertThat(users.findByLogin("ALICE@example.com")).contains(alice);
        assertThat(users.findByLogin("nobody")).isEmpty();
        assertThat(users.findByLogin("not a login!")).isEmpty();
        assertThat(users.credentials(alice.id())).hasValueSatisfying(c -> assertThat(c.passwordHash()).isEqualTo(HASH));
        assertThat(users.credentials(alice.id()).orElseThrow().toString()).doesNotContain(HASH);

        assertThatThrownBy(() -> users.create(new NewUser("alice@EXAMPLE.com", "Other", ActorKind.SERVICE, null, null, false)))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("alice@example.com");
    }

    @AllDatabasesTest
    void validatesKindsAndHomeTenants() {
        assertThatThrownBy(() -> new NewUser("bob", "Bob", ActorKind.CLIENT_USER, null, HASH, false))
                .hasMessageContaining("home tenant");
        assertThatThrownBy(() -> new NewUser("bob", "Bob", ActorKind.MSSP_STAFF, acme, HASH, false))
                .hasMessageContaining("home tenant");
        assertThatThrownBy(() -> new NewUser("bot", "Bot", ActorKind.SERVICE, null, HASH, false))
                .hasMessageContaining("service account has no password");
        assertThatThrownBy(() -> new NewUser("Bad Login", "x", ActorKind.SERVICE, null, null, false))
                .hasMessageContaining("login must be");
        assertThatThrownBy(() -> users.create(new NewUser("bob", "Bob", ActorKind.CLIENT_USER, TenantId.random(), HASH, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @AllDatabasesTest
    void listsEveryoneAndClientUsersPerTenant() {
        users.create(new NewUser("zed", "Zed", ActorKind.MSSP_STAFF, null, HASH, false));
        UserAccount carol = users.create(new NewUser("carol", "Carol", ActorKind.CLIENT_USER, acme, HASH, false));
        UserAccount dave = users.create(new NewUser("dave", "Dave", ActorKind.CLIENT_USER, globex, HASH, false));
        users.create(new NewUser("bot", "Bot", ActorKind.SERVICE, null, null, false));

        assertThat(users.list()).extracting(UserAccount::login).containsExactly("bot", "carol", "dave", "zed");
        assertThat(users.listClientUsers(acme)).containsExactly(carol);
        assertThat(users.listClientUsers(globex)).containsExactly(dave);
    }

    @AllDatabasesTest
    void disablesAndChangesPasswords() {
        UserAccount alice = users.create(new NewUser("alice", "Alice", ActorKind.MSSP_STAFF, null, HASH, true));
        clock.advance(Duration.ofMinutes(5));

        users.setPassword(alice.id(), HASH.replace("AAAA", "BBBB"), false);
        UserAccount changed = users.find(alice.id()).orElseThrow();
        assertThat(changed.passwordMustChange()).isFalse();
        assertThat(changed.passwordChangedAt()).isEqualTo(clock.instant());
        assertThat(users.credentials(alice.id()).orElseThrow().passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$BBBB");

        assertThat(users.disable(alice.id())).isTrue();
        var disabledAt = users.find(alice.id()).orElseThrow().disabledAt();
        assertThat(disabledAt).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(1));
        assertThat(users.disable(alice.id())).isTrue();
        assertThat(users.find(alice.id()).orElseThrow().disabledAt()).isEqualTo(disabledAt);
        assertThat(users.disable(UUID.randomUUID())).isFalse();
    }

    @AllDatabasesTest
    void locksAfterConsecutiveFailuresAndSuccessClearsTheCount() {
        UUID id = users.create(new NewUser("alice", "Alice", ActorKind.MSSP_STAFF, null, HASH, false)).id();

        assertThat(users.recordFailedLogin(id, 3, Duration.ofMinutes(15))).isEqualTo(Users.FailureOutcome.COUNTED);
        assertThat(users.recordFailedLogin(id, 3, Duration.ofMinutes(15))).isEqualTo(Users.FailureOutcome.COUNTED);
        users.recordSuccessfulLogin(id);
        assertThat(users.find(id).orElseThrow().failedLogins()).isZero();

        users.recordFailedLogin(id, 3, Duration.ofMinutes(15));
        users.recordFailedLogin(id, 3, Duration.ofMinutes(15));
        assertThat(users.recordFailedLogin(id, 3, Duration.ofMinutes(15))).isEqualTo(Users.FailureOutcome.LOCKED);
        UserAccount locked = users.find(id).orElseThrow();
        assertThat(locked.lockedAt(clock.instant())).isTrue();
        assertThat(locked.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(locked.failedLogins()).isZero();
        assertThat(locked.lockedAt(clock.instant().plus(Duration.ofMinutes(15)))).isFalse();
    }

    @AllDatabasesTest
    void enrolsTotpOnlyOnConfirmationAndAcceptsEachStepOnce() {
        UUID id = users.create(new NewUser("alice", "Alice", ActorKind.MSSP_STAFF, null, HASH, false)).id();
        assertThat(users.useTotpStep(id, 100)).as("no secret enrolled").isFalse();
        assertThat(users.confirmTotp(id, 100)).as("nothing pending").isFalse();

        users.startTotpEnrolment(id, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(users.find(id).orElseThrow().totpEnrolled()).isFalse();
        assertThat(users.credentials(id).orElseThrow().totpPendingSecret()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

        assertThat(users.confirmTotp(id, 100)).isTrue();
        assertThat(users.find(id).orElseThrow().totpEnrolledAt()).isEqualTo(clock.instant());
        Credentials credentials = users.credentials(id).orElseThrow();
        assertThat(credentials.totpSecret()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(credentials.totpPendingSecret()).isNull();
        assertThat(credentials.totpLastStep()).isEqualTo(100L);

        assertThat(users.useTotpStep(id, 100)).isFalse();
        assertThat(users.useTotpStep(id, 99)).isFalse();
        assertThat(users.useTotpStep(id, 101)).isTrue();
        assertThat(users.useTotpStep(id, 101)).isFalse();
    }

    private String stored(String column, UUID id) {
        return io.vigil.store.Jdbc.withConnection(database.dataSource(), "reading", connection -> {
            try (var select = connection.prepareStatement("SELECT " + column + " FROM user_account WHERE id = ?")) {
                select.setObject(1, id);
                try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
    }

    private void storePlain(String column, UUID id, String value) {
        io.vigil.store.Jdbc.withConnection(database.dataSource(), "writing", connection -> {
            try (var update = connection.prepareStatement("UPDATE user_account SET " + column + " = ? WHERE id = ?")) {
                update.setString(1, value);
                update.setObject(2, id);
                return update.executeUpdate();
            }
        });
    }

    @AllDatabasesTest
    void theDatabaseNeverHoldsATotpSecretInPlain() {
        String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        UUID id = users.create(new NewUser("alice", "Alice", ActorKind.MSSP_STAFF, null, HASH, false)).id();
        UUID other = users.create(new NewUser("bob", "Bob", ActorKind.MSSP_STAFF, null, HASH, false)).id();
        users.startTotpEnrolment(id, secret);
        assertThat(stored("totp_pending_secret", id)).startsWith("v2:").doesNotContain(secret);
        users.confirmTotp(id, 1);
        String sealed = stored("totp_secret", id);
        assertThat(sealed).startsWith("v2:").doesNotContain(secret);
        assertThat(users.credentials(id).orElseThrow().totpSecret()).isEqualTo(secret);

        users.startTotpEnrolment(other, secret);
        assertThat(stored("totp_pending_secret", other)).as("a fresh nonce every time").isNotEqualTo(sealed);
        storePlain("totp_secret", other, sealed);
        assertThatThrownBy(() -> users.credentials(other)).as("a sealed value moved to another account")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining(secret);
        Users otherKey = new Users(database.dataSource(), clock, SecretBox.withRandomKey());
        assertThatThrownBy(() -> otherKey.credentials(id)).isInstanceOf(IllegalStateException.class);
    }

    @AllDatabasesTest
    void plainSecretsFromBeforeSealingAreSealedAtStart() {
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        UUID id = users.create(new NewUser("alice", "Alice", ActorKind.MSSP_STAFF, null, HASH, false)).id();
        UUID pending = users.create(new NewUser("bob", "Bob", ActorKind.MSSP_STAFF, null, HASH, false)).id();
        storePlain("totp_secret", id, secret);
        storePlain("totp_pending_secret", pending, secret);
        assertThat(users.credentials(id).orElseThrow().totpSecret()).as("still readable before sealing").isEqualTo(secret);

        assertThat(users.resealTotpSecrets()).isEqualTo(2);
        assertThat(stored("totp_secret", id)).startsWith("v2:").doesNotContain(secret);
        assertThat(stored("totp_pending_secret", pending)).startsWith("v2:").doesNotContain(secret);
        assertThat(users.credentials(id).orElseThrow().totpSecret()).isEqualTo(secret);
        assertThat(users.credentials(pending).orElseThrow().totpPendingSecret()).isEqualTo(secret);
        assertThat(users.resealTotpSecrets()).as("idempotent").isZero();
    }

    @AllDatabasesTest
    void aKeyRotationSealsEverySecretAnewUnderTheNewKey() {
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        SecretBox box = SecretBox.withRandomKey();
        Users sealing = new Users(database.dataSource(), clock, box);
        UUID id = sealing.create(new NewUser("carol", "Carol", ActorKind.MSSP_STAFF, null, HASH, false)).id();
        storePlain("totp_secret", id, secret);
        assertThat(sealing.resealTotpSecrets()).isEqualTo(1);
        String oldKey = box.currentKeyId();

        String newKey = box.rotate();
        assertThat(sealing.resealTotpSecrets()).isEqualTo(1);
        box.retire();

        assertThat(stored("totp_secret", id)).startsWith("v2:" + newKey + ":").doesNotContain(oldKey);
        assertThat(sealing.credentials(id).orElseThrow().totpSecret()).isEqualTo(secret);
        assertThat(sealing.resealTotpSecrets()).isZero();

        // A secret sealed under a key this box does not hold (a lost key file) is left as it is, without failing.
        UUID lost = sealing.create(new NewUser("dave", "Dave", ActorKind.MSSP_STAFF, null, HASH, false)).id();
        new Users(database.dataSource(), clock, SecretBox.withRandomKey()).startTotpEnrolment(lost, secret);
        String unreadable = stored("totp_pending_secret", lost);
        assertThat(sealing.resealTotpSecrets()).isZero();
        assertThat(stored("totp_pending_secret", lost)).isEqualTo(unreadable);
    }

    @AllDatabasesTest
    void externalAccountsAreFoundByIssuerAndSubjectAndFollowTheIssuer() {
        UserAccount first = users.findOrCreateExternal("https://idp.example", "sub-1", "erin", "Erin", ActorKind.MSSP_STAFF, null);
        assertThat(first.hasPassword()).isFalse();
        assertThat(first.externalIssuer()).isEqualTo("https://idp.example");

        UserAccount again = users.findOrCreateExternal("https://idp.example", "sub-1", "erin.new", "Erin N.",
                ActorKind.CLIENT_USER, acme);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.login()).isEqualTo("erin.new");
        assertThat(again.homeTenant()).isEqualTo(acme);

        UserAccount other = users.findOrCreateExternal("https://other.example", "sub-1", "erin2", "Erin", ActorKind.MSSP_STAFF, null);
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThatThrownBy(() -> users.findOrCreateExternal("https://other.example", "sub-2", "erin.new", "X",
                ActorKind.MSSP_STAFF, null)).isInstanceOf(DuplicateException.class);
    }

    @AllDatabasesTest
    void clientMfaIsOffUntilTheTenantRequiresIt() {
        assertThat(users.clientMfaRequired(acme)).isFalse();
        users.requireClientMfa(acme, true);
        assertThat(users.clientMfaRequired(acme)).isTrue();
        assertThat(users.clientMfaRequired(globex)).isFalse();
    }
}
