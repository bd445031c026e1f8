package io.vigil.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Permission;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.server.api.InvalidRequestException;
import io.vigil.server.config.JitSettings;
import io.vigil.server.security.Caller;
import io.vigil.store.Database;
import io.vigil.store.DatabaseConfig;
import io.vigil.store.NotFoundException;
import io.vigil.store.access.AccessRequest;
import io.vigil.store.access.AccessRequestQuery;
import io.vigil.store.access.AccessRequestState;
import io.vigil.store.access.AccessRequests;
import io.vigil.store.access.JitGrants;
import io.vigil.store.access.TransitionRefusedException;
import io.vigil.store.tenant.TenantDirectory;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.audit.InMemoryAuditSink;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of just-in-time access, over the real store on H2 and an in-memory audit log. */
class JitAccessTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final UUID aliceId = UUID.randomUUID();
    private TestDatabase fixture;
    private Database database;
    private AccessRequests requests;
    private JitAccess jit;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open() {
        fixture = TestDatabase.h2();
        database = Database.open(new DatabaseConfig(fixture.url(), fixture.username(), fixture.password(), 4));
        TenantDirectory tenants = new TenantDirectory(database.dataSource(), clock);
        acme = tenants.create(new TenantSlug("acme"), "Acme", ZoneOffset.UTC).id();
        globex = tenants.create(new TenantSlug("globex"), "Globex", ZoneOffset.UTC).id();
        requests = new AccessRequests(database.dataSource(), clock);
        jit = jit(new JitSettings(null, null, null, null));
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        fixture.close();
    }

    private JitAccess jit(JitSettings settings) {
        return new JitAccess(requests, settings, audit, clock);
    }

    /** Alice, a T1 analyst on every tenant. */
    private Caller alice() {
        return staff(aliceId, "alice", RoleBinding.allTenants(Role.ANALYST_T1));
    }

    /** Bob, SOC manager on acme only. */
    private Caller bob() {
        return staff(UUID.nameUUIDFromBytes("bob".getBytes()), "bob", RoleBinding.on(Role.SOC_MANAGER, acme));
    }

    private Caller staff(UUID id, String name, RoleBinding... bindings) {
        return new Caller(new Actor(id, name, ActorKind.MSSP_STAFF, null), Access.of(List.of(bindings), clock.instant()),
                "192.0.2.7", "test");
    }

    private AccessRequest t3Request(int minutes) {
        return jit.request(alice(), acme, "analyst-t3", "INC-42: contain host", minutes);
    }

    @Test
    void aT1AnalystRequestsAnElevatedRoleAndTheRequestIsAudited() {
        AccessRequest request = t3Request(120);

        assertThat(request.state()).isEqualTo(AccessRequestState.PENDING);
        assertThat(request.requesterId()).isEqualTo(aliceId);
        assertThat(request.requestedDuration()).isEqualTo(Duration.ofMinutes(120));
        assertThat(request.decideBy()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(audit.withAction("access.request")).singleElement().satisfies(r -> {
            assertThat(r.actorId()).isEqualTo(aliceId);
            assertThat(r.tenant()).isEqualTo(acme);
            assertThat(r.target()).isEqualTo(request.id().toString());
            assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(r.sourceIp()).isEqualTo("192.0.2.7");
            assertThat(r.details()).containsEntry("role", "analyst-t3").containsEntry("requestedSeconds", "7200")
                    .containsEntry("reason", "INC-42: contain host");
        });
    }

    @Test
    void refusesRolesThatAreNotRequestableAndBadInputNamingEachProblem() {
        assertThatThrownBy(() -> jit.request(alice(), acme, "platform-admin", "why not", 60))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("'platform-admin' cannot be requested")));
        assertThatThrownBy(() -> jit.request(alice(), acme, "client-admin", "x", 60)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> jit.request(alice(), acme, "root", " ", 481))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems())
                        .extracting(p -> p.location()).contains("role", "reason", "durationMinutes"));
        assertThatThrownBy(() -> jit.request(alice(), acme, "analyst-t3", "x", null)).isInstanceOf(InvalidRequestException.class);
        assertThat(requests.list(acme, AccessRequestQuery.newest(10)).items()).isEmpty();

        JitAccess permissive = jit(new JitSettings(Duration.ofHours(1), List.of("platform-admin"), null, null));
        assertThat(permissive.request(alice(), acme, "platform-admin", "break glass", 60).role()).isEqualTo(Role.PLATFORM_ADMIN);
        assertThatThrownBy(() -> new JitSettings(null, List.of("client-admin"), null, null))
                .hasMessageContaining("client role");
    }

    @Test
    void aClientUserCannotRequestAndACallerWithoutThePermissionIsRefused() {
        Caller clientWithStaffBinding = new Caller(new Actor(UUID.randomUUID(), "carol", ActorKind.CLIENT_USER, acme),
                Access.of(List.of(RoleBinding.on(Role.ANALYST_T1, acme)), clock.instant()), null, null);
        assertThatThrownBy(() -> jit.request(clientWithStaffBinding, acme, "analyst-t3", "x", 60))
                .isInstanceOf(AccessRefusedException.class).hasMessageContaining("client-user cannot hold");

        Caller clientAdmin = new Caller(new Actor(UUID.randomUUID(), "dave", ActorKind.CLIENT_USER, acme),
                Access.of(List.of(RoleBinding.on(Role.CLIENT_ADMIN, acme)), clock.instant()), null, null);
        assertThatThrownBy(() -> jit.request(clientAdmin, acme, "analyst-t3", "x", 60))
                .isInstanceOf(AccessRefusedException.class).hasMessageContaining(Permission.ACCESS_REQUEST.code());
        assertThatThrownBy(() -> jit.request(clientAdmin, globex, "analyst-t3", "x", 60))
                .as("a tenant the caller cannot see does not exist").isInstanceOf(NotFoundException.class);

        assertThat(audit.withAction("access.request")).hasSize(2)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(AuditOutcome.DENIED));
        assertThat(requests.list(acme, AccessRequestQuery.newest(10)).items()).isEmpty();
    }

    @Test
    void fourEyesTheRequesterCannotApproveEvenUnderAnotherLogin() {
        AccessRequest request = t3Request(60);
        Caller aliceAsManager = staff(aliceId, "alice.admin", RoleBinding.on(Role.SOC_MANAGER, acme));

        assertThatThrownBy(() -> jit.approve(aliceAsManager, acme, request.id(), null, null))
                .isInstanceOf(AccessRefusedException.class).hasMessageContaining("four eyes");
        assertThatThrownBy(() -> jit.deny(aliceAsManager, acme, request.id(), "no"))
                .isInstanceOf(AccessRefusedException.class);

        assertThat(requests.find(acme, request.id()).orElseThrow().state()).isEqualTo(AccessRequestState.PENDING);
        assertThat(audit.withAction("access.approve")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(r.actorName()).isEqualTo("alice.admin");
        });
    }

    @Test
    void anApproverNeedsTheApprovePermissionOnThatTenant() {
        AccessRequest request = t3Request(60);
        Caller t3 = staff(UUID.randomUUID(), "trent", RoleBinding.allTenants(Role.ANALYST_T3));
        Caller managerElsewhere = staff(UUID.randomUUID(), "mallory", RoleBinding.on(Role.SOC_MANAGER, globex));

        assertThatThrownBy(() -> jit.approve(t3, acme, request.id(), null, null))
                .isInstanceOf(AccessRefusedException.class).hasMessageContaining("access.approve");
        assertThatThrownBy(() -> jit.approve(managerElsewhere, acme, request.id(), null, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> jit.approve(bob(), globex, request.id(), null, null))
                .as("bob cannot see globex").isInstanceOf(NotFoundException.class);
        assertThat(requests.find(acme, request.id()).orElseThrow().state()).isEqualTo(AccessRequestState.PENDING);
    }

    @Test
    void anApprovalGrantsAtMostTheRequestedAndTheConfiguredMaximum() {
        AccessRequest request = t3Request(480);

        assertThatThrownBy(() -> jit.approve(bob(), acme, request.id(), null, 481))
                .isInstanceOf(InvalidRequestException.class);
        JitAccess lowered = jit(new JitSettings(Duration.ofHours(1), null, null, null));
        AccessRequest approved = lowered.approve(bob(), acme, request.id(), "for INC-42", null);

        assertThat(approved.grantedDuration()).as("the maximum was lowered after the request").isEqualTo(Duration.ofHours(1));
        assertThat(approved.deciderName()).isEqualTo("bob");
        assertThat(audit.withAction("access.approve")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(r.details()).containsEntry("grantedSeconds", "3600").containsEntry("note", "for INC-42")
                    .containsEntry("state", "approved");
        });

        AccessRequest shorter = jit.approve(bob(), acme, t3Request(120).id(), null, 30);
        assertThat(shorter.grantedDuration()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theStateMachineRefusesLateDecisionsAndAuditsThemAsFailed() {
        AccessRequest request = t3Request(60);
        jit.withdraw(alice(), acme, request.id());

        assertThatThrownBy(() -> jit.approve(bob(), acme, request.id(), null, null))
                .isInstanceOf(TransitionRefusedException.class).hasMessageContaining("withdrawn");
        assertThat(audit.withAction("access.withdraw")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCESS));
        assertThat(audit.withAction("access.approve")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(r.details()).containsEntry("state", "withdrawn");
        });

        AccessRequest other = t3Request(60);
        assertThatThrownBy(() -> jit.deny(bob(), acme, other.id(), " ")).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems()).extracting(p -> p.location())
                        .containsExactly("note"));
        assertThatThrownBy(() -> jit.withdraw(staff(UUID.randomUUID(), "eve", RoleBinding.allTenants(Role.ANALYST_T1)),
                acme, other.id())).isInstanceOf(AccessRefusedException.class).hasMessageContaining("only the requester");
        assertThat(jit.deny(bob(), acme, other.id(), "no ticket").state()).isEqualTo(AccessRequestState.DENIED);
        assertThatThrownBy(() -> jit.revoke(bob(), acme, other.id(), null)).isInstanceOf(TransitionRefusedException.class);
    }

    @Test
    void aGrantCountsUntilItExpiresThenTheExpiryIsAuditedOnce() {
        JitGrants grants = new JitGrants(requests);
        AccessRequest approved = jit.approve(bob(), acme, t3Request(60).id(), null, null);
        List<RoleBinding> bindings = grants.activeGrants(aliceId, clock.instant());

        assertThat(Access.of(bindings, clock.instant()).can(Permission.RULES_MANAGE, acme)).isTrue();
        assertThat(Access.of(bindings, clock.instant()).can(Permission.RULES_MANAGE, globex)).as("only that tenant").isFalse();
        clock.advance(Duration.ofMinutes(59));
        assertThat(Access.of(grants.activeGrants(aliceId, clock.instant()), clock.instant()).can(Permission.RULES_MANAGE, acme))
                .isTrue();
        assertThat(jit.expireDue()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(Access.of(bindings, clock.instant()).can(Permission.RULES_MANAGE, acme))
                .as("bindings read before the expiry stop counting at it").isFalse();
        assertThat(grants.activeGrants(aliceId, clock.instant())).isEmpty();

        assertThat(jit.expireDue()).extracting(AccessRequest::id).containsExactly(approved.id());
        assertThat(jit.expireDue()).isEmpty();
        assertThat(audit.withAction("access.expire")).singleElement().satisfies(r -> {
            assertThat(r.actorId()).isNull();
            assertThat(r.actorName()).isEqualTo("system");
            assertThat(r.tenant()).isEqualTo(acme);
            assertThat(r.target()).isEqualTo(approved.id().toString());
            assertThat(r.details()).containsEntry("ended", "grant-ended").containsEntry("state", "expired");
        });
    }

    @Test
    void revokingEndsTheGrantNow() {
        AccessRequest approved = jit.approve(bob(), acme, t3Request(60).id(), null, null);
        clock.advance(Duration.ofMinutes(5));

        AccessRequest revoked = jit.revoke(bob(), acme, approved.id(), "contained");

        assertThat(revoked.state()).isEqualTo(AccessRequestState.REVOKED);
        assertThat(new JitGrants(requests).activeGrants(aliceId, clock.instant())).isEmpty();
        assertThat(audit.withAction("access.revoke")).singleElement()
                .satisfies(r -> assertThat(r.details()).containsEntry("note", "contained"));
    }

    @Test
    void anUndecidedRequestExpiresAfterTheDecisionTimeout() {
        JitAccess quick = jit(new JitSettings(null, null, Duration.ofMinutes(30), null));
        AccessRequest request = quick.request(alice(), acme, "analyst-t2", "INC-7", 60);
        clock.advance(Duration.ofMinutes(30));

        assertThatThrownBy(() -> quick.approve(bob(), acme, request.id(), null, null))
                .isInstanceOf(TransitionRefusedException.class);
        assertThat(quick.expireDue()).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(AccessRequestState.EXPIRED));
        assertThat(audit.withAction("access.expire")).singleElement()
                .satisfies(r -> assertThat(r.details()).containsEntry("ended", "undecided"));
    }

    @Test
    void readingNeedsTheReadPermissionAndMyRequestsShowOnlyVisibleTenants() {
        AccessRequest onAcme = t3Request(60);
        AccessRequest onGlobex = jit.request(alice(), globex, "analyst-t2", "INC-9", 60);

        assertThatThrownBy(() -> jit.list(alice(), acme, AccessRequestQuery.newest(10)))
                .isInstanceOf(AccessRefusedException.class);
        Caller clientAdmin = new Caller(new Actor(UUID.randomUUID(), "dave", ActorKind.CLIENT_USER, acme),
                Access.of(List.of(RoleBinding.on(Role.CLIENT_ADMIN, acme)), clock.instant()), null, null);
        assertThat(jit.list(clientAdmin, acme, AccessRequestQuery.newest(10)).items()).containsExactly(onAcme);
        assertThat(jit.find(clientAdmin, acme, onAcme.id())).isEqualTo(onAcme);
        assertThatThrownBy(() -> jit.find(clientAdmin, globex, onGlobex.id())).isInstanceOf(NotFoundException.class);

        assertThat(jit.mine(alice(), 10)).containsExactly(onGlobex, onAcme);
        Caller aliceOnAcmeOnly = staff(aliceId, "alice", RoleBinding.on(Role.ANALYST_T1, acme));
        assertThat(jit.mine(aliceOnAcmeOnly, 10)).containsExactly(onAcme);
    }

    @Test
    void aChangeTheAuditLogCannotRecordDoesNotHappen() {
        AccessRequest request = t3Request(60);
        JitAccess unaudited = new JitAccess(requests, new JitSettings(null, null, null, null), (AuditRecord r) -> {
            throw new IllegalStateException("audit log unavailable");
        }, clock);

        assertThatThrownBy(() -> unaudited.approve(bob(), acme, request.id(), null, null))
                .hasMessage("audit log unavailable");
        assertThat(requests.find(acme, request.id()).orElseThrow().state()).isEqualTo(AccessRequestState.PENDING);
    }
}
