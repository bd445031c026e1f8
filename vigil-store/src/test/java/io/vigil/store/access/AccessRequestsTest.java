package io.vigil.store.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.access.Role;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.NotFoundException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class AccessRequestsTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final Consumer<AccessRequest> NOTHING = r -> {
    };

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private Database database;
    private AccessRequests requests;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        requests = new AccessRequests(database.dataSource(), clock);
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private AccessRequest request(TenantId tenant, UUID requester, Duration duration) {
        return requests.create(tenant, requester, "alice", Role.ANALYST_T3, "INC-42: contain host", duration, DAY, NOTHING);
    }

    @AllDatabasesTest
    void createsAPendingRequestVisibleOnlyInItsTenant() {
        List<AccessRequest> seen = new ArrayList<>();
        AccessRequest created = requests.create(acme, alice, "alice", Role.ANALYST_T3, "INC-42", Duration.ofHours(2), DAY,
                seen::add);

        assertThat(seen).containsExactly(created);
        assertThat(created.state()).isEqualTo(AccessRequestState.PENDING);
        assertThat(created.decideBy()).isEqualTo(clock.instant().plus(DAY));
        assertThat(requests.find(acme, created.id())).contains(created);
        assertThat(requests.find(globex, created.id())).as("another tenant's request").isEmpty();
        assertThat(requests.list(globex, AccessRequestQuery.newest(10)).items()).isEmpty();
        assertThatThrownBy(() -> requests.approve(globex, created.id(), bob, "bob", null, Duration.ofHours(1), NOTHING))
                .isInstanceOf(NotFoundException.class);
    }

    @AllDatabasesTest
    void refusesClientRolesBadReasonsAndUnknownTenants() {
        assertThatThrownBy(() -> requests.create(acme, alice, "alice", Role.CLIENT_ADMIN, "x", Duration.ofHours(1), DAY, NOTHING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSSP roles");
        assertThatThrownBy(() -> requests.create(acme, alice, "alice", Role.ANALYST_T3, " ", Duration.ofHours(1), DAY, NOTHING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> requests.create(acme, alice, "alice", Role.ANALYST_T3, "x".repeat(1001), Duration.ofHours(1),
                DAY, NOTHING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> requests.create(acme, alice, "alice", Role.ANALYST_T3, "x", Duration.ZERO, DAY, NOTHING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> requests.create(TenantId.random(), alice, "alice", Role.ANALYST_T3, "x", Duration.ofHours(1),
                DAY, NOTHING)).isInstanceOf(NotFoundException.class);
    }

    @AllDatabasesTest
    void approvalGrantsTheRoleOnTheTenantUntilExpiry() {
        AccessRequest pending = request(acme, alice, Duration.ofHours(2));
        AccessRequest approved = requests.approve(acme, pending.id(), bob, "bob", "ok", Duration.ofHours(1), NOTHING);

        assertThat(approved.state()).isEqualTo(AccessRequestState.APPROVED);
        assertThat(approved.deciderId()).isEqualTo(bob);
        assertThat(approved.decisionNote()).isEqualTo("ok");
        assertThat(approved.startsAt()).isEqualTo(clock.instant());
        assertThat(approved.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(requests.activeGrants(alice, clock.instant())).containsExactly(approved);
        assertThat(new JitGrants(requests).activeGrants(alice, clock.instant()))
                .singleElement().satisfies(binding -> {
                    assertThat(binding.role()).isEqualTo(Role.ANALYST_T3);
                    assertThat(binding.tenant()).isEqualTo(acme);
                    assertThat(binding.expiresAt()).isEqualTo(approved.expiresAt());
                });
        assertThat(requests.activeGrants(bob, clock.instant())).isEmpty();
        assertThat(requests.activeGrants(alice, approved.expiresAt())).as("at the expiry instant").isEmpty();
    }

    @AllDatabasesTest
    void theRequesterCannotDecideTheirOwnRequest() {
        AccessRequest pending = request(acme, alice, Duration.ofHours(1));

        assertThatThrownBy(() -> requests.approve(acme, pending.id(), alice, "alice-admin", null, Duration.ofHours(1), NOTHING))
                .isInstanceOf(TransitionRefusedException.class).hasMessageContaining("its requester");
        assertThatThrownBy(() -> requests.deny(acme, pending.id(), alice, "alice", null, NOTHING))
                .isInstanceOf(TransitionRefusedException.class);
        assertThat(requests.find(acme, pending.id()).orElseThrow().state()).isEqualTo(AccessRequestState.PENDING);
    }

    @AllDatabasesTest
    void finalStatesCannotBeLeft() {
        AccessRequest denied = requests.deny(acme, request(acme, alice, Duration.ofHours(1)).id(), bob, "bob", "no ticket",
                NOTHING);
        assertThat(denied.state()).isEqualTo(AccessRequestState.DENIED);
        assertThat(denied.decisionNote()).isEqualTo("no ticket");
        assertThatThrownBy(() -> requests.approve(acme, denied.id(), bob, "bob", null, Duration.ofHours(1), NOTHING))
                .isInstanceOf(TransitionRefusedException.class).hasMessageContaining("denied, not pending")
                .satisfies(e -> assertThat(((TransitionRefusedException) e).current()).isEqualTo(AccessRequestState.DENIED));
        assertThatThrownBy(() -> requests.revoke(acme, denied.id(), bob, "bob", null, NOTHING))
                .isInstanceOf(TransitionRefusedException.class);

        AccessRequest other = request(acme, alice, Duration.ofHours(1));
        assertThatThrownBy(() -> requests.withdraw(acme, other.id(), bob, "bob", NOTHING))
                .as("someone else's request").isInstanceOf(TransitionRefusedException.class)
                .hasMessageContaining("only the requester");
        AccessRequest withdrawn = requests.withdraw(acme, other.id(), alice, "alice", NOTHING);
        assertThat(withdrawn.state()).isEqualTo(AccessRequestState.WITHDRAWN);
        assertThat(withdrawn.endedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> requests.withdraw(acme, other.id(), alice, "alice", NOTHING))
                .isInstanceOf(TransitionRefusedException.class);
    }

    @AllDatabasesTest
    void revokingEndsAGrantEarly() {
        AccessRequest granted = requests.approve(acme, request(acme, alice, Duration.ofHours(4)).id(), bob, "bob", null,
                Duration.ofHours(4), NOTHING);
        clock.advance(Duration.ofMinutes(30));

        AccessRequest revoked = requests.revoke(acme, granted.id(), bob, "bob", "done early", NOTHING);

        assertThat(revoked.state()).isEqualTo(AccessRequestState.REVOKED);
        assertThat(revoked.endedAt()).isEqualTo(clock.instant());
        assertThat(revoked.endNote()).isEqualTo("done early");
        assertThat(revoked.deciderId()).as("who approved stays recorded").isEqualTo(bob);
        assertThat(requests.activeGrants(alice, clock.instant())).isEmpty();
    }

    @AllDatabasesTest
    void aFailingCallbackRollsTheChangeBack() {
        AccessRequest pending = request(acme, alice, Duration.ofHours(1));

        assertThatThrownBy(() -> requests.approve(acme, pending.id(), bob, "bob", null, Duration.ofHours(1), r -> {
            throw new IllegalStateException("audit log unavailable");
        })).hasMessage("audit log unavailable");

        assertThat(requests.find(acme, pending.id()).orElseThrow().state()).isEqualTo(AccessRequestState.PENDING);
        assertThat(requests.activeGrants(alice, clock.instant())).isEmpty();
    }

    @AllDatabasesTest
    void ofAnApprovalRacingAWithdrawalExactlyOneWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                AccessRequest pending = request(acme, alice, Duration.ofHours(1));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<AccessRequest> approval = threads.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return requests.approve(acme, pending.id(), bob, "bob", null, Duration.ofHours(1), NOTHING);
                });
                Future<AccessRequest> withdrawal = threads.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return requests.withdraw(acme, pending.id(), alice, "alice", NOTHING);
                });
                AccessRequest approved = outcome(approval);
                AccessRequest withdrawn = outcome(withdrawal);

                assertThat(approved == null).as("round %d: exactly one wins", round).isNotEqualTo(withdrawn == null);
                AccessRequestState stored = requests.find(acme, pending.id()).orElseThrow().state();
                assertThat(stored).isEqualTo(approved != null ? AccessRequestState.APPROVED : AccessRequestState.WITHDRAWN);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static AccessRequest outcome(Future<AccessRequest> change) throws Exception {
        try {
            return change.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TransitionRefusedException.class);
            return null;
        }
    }

    @AllDatabasesTest
    void undecidedRequestsAndEndedGrantsExpireOnceAtTheirOwnTime() {
        AccessRequest undecided = request(acme, alice, Duration.ofHours(1));
        AccessRequest granted = requests.approve(globex, request(globex, alice, Duration.ofHours(1)).id(), bob, "bob", null,
                Duration.ofHours(1), NOTHING);
        AccessRequest decided = requests.deny(acme, request(acme, alice, Duration.ofHours(1)).id(), bob, "bob", null, NOTHING);

        assertThat(requests.expireDue(clock.instant().plus(Duration.ofMinutes(59)))).isEmpty();

        clock.advance(Duration.ofHours(2));
        assertThat(requests.expireDue(clock.instant())).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(granted.id());
            assertThat(r.state()).isEqualTo(AccessRequestState.EXPIRED);
            assertThat(r.endedAt()).as("when the grant ended, not when the job ran").isEqualTo(granted.expiresAt());
            assertThat(r.expiryRecorded()).isTrue();
        });

        clock.advance(DAY);
        assertThatThrownBy(() -> requests.approve(acme, undecided.id(), bob, "bob", null, Duration.ofHours(1), NOTHING))
                .as("still pending in the table, but past its deadline").isInstanceOf(TransitionRefusedException.class)
                .hasMessageContaining("decision deadline");
        assertThat(requests.expireDue(clock.instant())).extracting(AccessRequest::id).containsExactly(undecided.id());
        assertThat(requests.expireDue(clock.instant())).as("a second run finds nothing").isEmpty();
        assertThat(requests.find(acme, undecided.id()).orElseThrow().endedAt()).isEqualTo(undecided.decideBy());
        assertThat(requests.find(acme, decided.id()).orElseThrow().state()).isEqualTo(AccessRequestState.DENIED);
    }

    @AllDatabasesTest
    void twoProcessesExpiringAtOnceExpireEachRequestExactlyOnce(TestDatabase fixture) throws Exception {
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            AccessRequest pending = request(i % 2 == 0 ? acme : globex, alice, Duration.ofMinutes(10));
            due.add(i % 3 == 0 ? pending.id()
                    : requests.approve(pending.tenant(), pending.id(), bob, "bob", null, Duration.ofMinutes(10), NOTHING).id());
        }
        Instant later = clock.instant().plus(DAY).plusSeconds(1);
        List<UUID> audited = Collections.synchronizedList(new ArrayList<>());
        try (Database second = TestStores.open(fixture)) {
            AccessRequests otherProcess = new AccessRequests(second.dataSource(), clock);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                CyclicBarrier start = new CyclicBarrier(2);
                Future<List<AccessRequest>> first = threads.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return requests.expireDue(later, r -> audited.add(r.id()));
                });
                Future<List<AccessRequest>> other = threads.submit(() -> {
                    start.await(5, TimeUnit.SECONDS);
                    return otherProcess.expireDue(later, r -> audited.add(r.id()));
                });
                int expired = first.get(60, TimeUnit.SECONDS).size() + other.get(60, TimeUnit.SECONDS).size();
                assertThat(expired).isEqualTo(due.size());
            } finally {
                threads.shutdownNow();
            }
        }
        assertThat(audited).hasSize(due.size()).containsExactlyInAnyOrderElementsOf(due);
        assertThat(requests.expireDue(later)).isEmpty();
    }

    @AllDatabasesTest
    void listsNewestFirstWithFiltersAndPages() {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(request(acme, i < 3 ? alice : bob, Duration.ofHours(1)).id());
        }
        requests.deny(acme, created.get(0), bob, "bob", null, NOTHING);
        request(globex, alice, Duration.ofHours(1));

        AccessRequestPage first = requests.list(acme, AccessRequestQuery.newest(3));
        assertThat(first.items()).extracting(AccessRequest::id).containsExactly(created.get(4), created.get(3), created.get(2));
        assertThat(first.nextBefore()).isNotNull();
        AccessRequestPage second = requests.list(acme, new AccessRequestQuery(Set.of(), null, 3, first.nextBefore()));
        assertThat(second.items()).extracting(AccessRequest::id).containsExactly(created.get(1), created.get(0));
        assertThat(second.nextBefore()).isNull();

        assertThat(requests.list(acme, new AccessRequestQuery(Set.of(AccessRequestState.PENDING), alice, 10, null)).items())
                .extracting(AccessRequest::id).containsExactly(created.get(2), created.get(1));
        assertThat(requests.ofRequester(alice, 10)).hasSize(4).allMatch(r -> r.requesterId().equals(alice));
        assertThatThrownBy(() -> AccessRequestQuery.newest(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
