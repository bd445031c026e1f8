package io.vigil.store.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.secret.SecretBox;
import io.vigil.core.access.ActorKind;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class SessionsTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private Users users;
    private Sessions sessions;
    private RecoveryCodes recovery;
    private UUID alice;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        users = new Users(database.dataSource(), clock, SecretBox.withRandomKey());
        sessions = new Sessions(database.dataSource(), clock, Duration.ofMinutes(30), Duration.ofHours(12));
        recovery = new RecoveryCodes(database.dataSource(), clock);
        alice = users.create(new NewUser("alice", "Alice", ActorKind.MSSP_STAFF, null, null, false)).id();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @AllDatabasesTest
    void opensAndVerifiesSessionsBySecret() {
        OpenedSession opened = sessions.open(alice, SessionRestriction.PASSWORD_CHANGE, "10.0.0.1", "curl/8");

        assertThat(opened.secret()).startsWith("vgs_");
        assertThat(opened.toString()).doesNotContain(opened.secret());
        assertThat(opened.session().csrfToken()).hasSize(43);
        assertThat(opened.session().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        assertThat(sessions.verify(opened.secret())).contains(opened.session());

        String tampered = opened.secret().substring(0, opened.secret().length() - 1)
                + (opened.secret().endsWith("A") ? "B" : "A");
        assertThat(sessions.verify(tampered)).isEmpty();
        assertThat(sessions.verify("vgs_nonsense")).isEmpty();
        assertThat(sessions.verify(null)).isEmpty();

        sessions.restrict(opened.session().id(), SessionRestriction.NONE);
        assertThat(sessions.verify(opened.secret())).hasValueSatisfying(
                s -> assertThat(s.restriction()).isEqualTo(SessionRestriction.NONE));
    }

    @AllDatabasesTest
    void idleSessionsExpireUnlessTouched() {
        OpenedSession opened = sessions.open(alice, SessionRestriction.NONE, null, null);

        clock.advance(Duration.ofMinutes(29));
        sessions.touch(opened.session().id());
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.verify(opened.secret())).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(sessions.verify(opened.secret())).as("31 minutes idle").isEmpty();
    }

    @AllDatabasesTest
    void activeSessionsStillEndAtTheAbsoluteLifetime() {
        OpenedSession opened = sessions.open(alice, SessionRestriction.NONE, null, null);
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.touch(opened.session().id());
        }
        assertThat(sessions.verify(opened.secret())).as("11.6 hours").isPresent();
        clock.advance(Duration.ofMinutes(25));
        assertThat(sessions.verify(opened.secret())).as("12 hours passed").isEmpty();
    }

    @AllDatabasesTest
    void revokesOneOrAllButTheCurrent() {
        OpenedSession one = sessions.open(alice, SessionRestriction.NONE, null, null);
        OpenedSession two = sessions.open(alice, SessionRestriction.NONE, null, null);
        OpenedSession three = sessions.open(alice, SessionRestriction.NONE, null, null);

        assertThat(sessions.revoke(one.session().id())).isTrue();
        assertThat(sessions.revoke(one.session().id())).isFalse();
        assertThat(sessions.verify(one.secret())).isEmpty();

        assertThat(sessions.revokeAll(alice, three.session().id())).isEqualTo(1);
        assertThat(sessions.verify(two.secret())).isEmpty();
        assertThat(sessions.verify(three.secret())).isPresent();
        assertThat(sessions.revokeAll(alice, null)).isEqualTo(1);
        assertThat(sessions.verify(three.secret())).isEmpty();
    }

    @AllDatabasesTest
    void disablingTheAccountEndsItsSessions() {
        OpenedSession opened = sessions.open(alice, SessionRestriction.NONE, null, null);
        users.disable(alice);
        assertThat(sessions.verify(opened.secret())).isEmpty();
    }

    @AllDatabasesTest
    void recoveryCodesAreSingleUseAndReplacedByANewSet() {
        List<String> codes = recovery.issue(alice);

        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}"));
        assertThat(recovery.remaining(alice)).isEqualTo(10);
        assertThat(recovery.use(alice, codes.get(0).toUpperCase().replace("-", " "))).isTrue();
        assertThat(recovery.use(alice, codes.get(0))).as("second use").isFalse();
        assertThat(recovery.use(alice, "aaaa-bbbb-cccc")).isFalse();
        assertThat(recovery.remaining(alice)).isEqualTo(9);

        List<String> fresh = recovery.issue(alice);
        assertThat(recovery.use(alice, codes.get(1))).as("old set discarded").isFalse();
        assertThat(recovery.use(alice, fresh.get(1))).isTrue();
    }
}
