package io.vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import io.vigil.core.access.ActorKind;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.server.security.AccessAttributes;
import io.vigil.server.security.VigilPrincipal;
import io.vigil.store.Database;
import io.vigil.store.DatabaseConfig;
import io.vigil.store.tenant.TenantDirectory;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.audit.InMemoryAuditSink;
import io.vigil.testkit.db.TestDatabase;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerMapping;

/** What the interceptor and filter record for one request, with principals set as authentication would set them. */
class RequestAuditFilterTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private final InMemoryAuditSink sink = new InMemoryAuditSink();
    private TestDatabase fixture;
    private Database database;
    private Tenant acme;
    private RequestAuditFilter filter;

    @BeforeEach
    void open() {
        fixture = TestDatabase.h2();
        database = Database.open(new DatabaseConfig(fixture.url(), fixture.username(), fixture.password(), 2));
        TenantDirectory tenants = new TenantDirectory(database.dataSource(), clock);
        acme = tenants.create(new TenantSlug("acme"), "Acme", ZoneOffset.UTC);
        filter = new RequestAuditFilter(sink, new TenantLookup(tenants), false, clock);
    }

    @AfterEach
    void close() {
        SecurityContextHolder.clearContext();
        database.close();
        fixture.close();
    }

    private static void signIn(ActorKind kind, TenantId home) {
        Actor actor = new Actor(UUID.randomUUID(), kind == ActorKind.CLIENT_USER ? "carol" : "sam", kind, home);
        VigilPrincipal principal = new VigilPrincipal(actor, Access.none(), VigilPrincipal.Method.SESSION, "s-1",
                VigilPrincipal.Restriction.NONE);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(principal, null, List.of()));
    }

    /** Runs a request through the filter; the "handler" (the interceptor, then the status) runs inside it. */
    private List<AuditRecord> serve(MockHttpServletRequest request, int status) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> {
            new AuditInterceptor().preHandle(request, response, new Object());
            // Spring Security clears the context before the filter records: the interceptor's note must suffice.
            SecurityContextHolder.clearContext();
            ((HttpServletResponse) res).setStatus(status);
        });
        return sink.records();
    }

    private static MockHttpServletRequest request(String method, String path, String pattern, String tenant) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr("203.0.113.9");
        request.addHeader("User-Agent", "test-agent");
        if (pattern != null) {
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
            request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, tenant == null ? Map.of() : Map.of("tenant", tenant));
        }
        return request;
    }

    @Test
    void staffReadOfTenantDataIsRecordedWithTheResolvedTenant() throws Exception {
        signIn(ActorKind.MSSP_STAFF, null);
        MockHttpServletRequest request = request("GET", "/api/v1/tenants/acme/events", "/api/v1/tenants/{tenant}/events", "acme");
        request.setAttribute(AccessAttributes.TENANT, acme);

        assertThat(serve(request, 200)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(RequestAuditFilter.TENANT_DATA_READ);
            assertThat(r.actorName()).isEqualTo("sam");
            assertThat(r.actorKind()).isEqualTo("mssp-staff");
            assertThat(r.actorId()).isNotNull();
            assertThat(r.tenant()).isEqualTo(acme.id());
            assertThat(r.target()).isEqualTo("GET /api/v1/tenants/{tenant}/events /api/v1/tenants/acme/events");
            assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(r.sourceIp()).isEqualTo("203.0.113.9");
            assertThat(r.userAgent()).isEqualTo("test-agent");
            assertThat(r.details()).containsEntry("credential", "session:s-1").containsEntry("status", "200");
        });
    }

    @Test
    void clientUsersOwnReadsAreNotTenantDataReads() throws Exception {
        signIn(ActorKind.CLIENT_USER, acme.id());
        assertThat(serve(request("GET", "/api/v1/tenants/acme/events", "/api/v1/tenants/{tenant}/events", "acme"), 200)).isEmpty();
    }

    @Test
    void aClientUsersRefusedReadIsRecorded() throws Exception {
        TenantId elsewhere = TenantId.of(UUID.randomUUID().toString());
        signIn(ActorKind.CLIENT_USER, elsewhere);
        MockHttpServletRequest hidden = request("GET", "/api/v1/tenants/acme/events", "/api/v1/tenants/{tenant}/events", "acme");
        hidden.setAttribute(AccessAttributes.CONCERNED_TENANT, acme.id());
        hidden.setAttribute(AccessAttributes.DENIED, "tenant not visible to the caller");
        assertThat(serve(hidden, 404)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(RequestAuditFilter.TENANT_DATA_READ);
            assertThat(r.actorName()).isEqualTo("carol");
            assertThat(r.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(r.tenant()).isEqualTo(acme.id());
        });
        signIn(ActorKind.CLIENT_USER, elsewhere); // serving clears the context, as Spring Security does
        assertThat(serve(request("GET", "/api/v1/platform/users", "/api/v1/platform/users", null), 403).getLast()
                .action()).isEqualTo(RequestAuditFilter.HTTP_REQUEST);
        signIn(ActorKind.CLIENT_USER, elsewhere);
        assertThat(serve(request("GET", "/api/v1/platform/tenants", "/api/v1/platform/tenants", null), 200))
                .as("an answered read outside tenant data").hasSize(2);
    }

    @Test
    void aRefusalBeforeAnyHandlerKeepsThePrincipalAuthenticationNoted() throws Exception {
        VigilPrincipal principal = new VigilPrincipal(new Actor(UUID.randomUUID(), "tess", ActorKind.MSSP_STAFF, null),
                Access.none(), VigilPrincipal.Method.API_TOKEN, "t-1", VigilPrincipal.Restriction.NONE);
        MockHttpServletRequest request = request("GET", "/actuator/env", null, null);
        request.setAttribute(AccessAttributes.PRINCIPAL, principal);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> ((HttpServletResponse) res).setStatus(403)); // no interceptor ran
        assertThat(sink.records()).singleElement().satisfies(r -> {
            assertThat(r.actorName()).isEqualTo("tess");
            assertThat(r.actorKind()).isEqualTo("mssp-staff");
            assertThat(r.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(r.details()).containsEntry("credential", "api_token:t-1");
        });
    }

    @Test
    void refusedRequestsAreDeniedWithTheConcernedTenantAndReason() throws Exception {
        signIn(ActorKind.MSSP_STAFF, null);
        MockHttpServletRequest hidden = request("POST", "/api/v1/tenants/acme/rules", "/api/v1/tenants/{tenant}/rules", "acme");
        hidden.setAttribute(AccessAttributes.CONCERNED_TENANT, acme.id());
        hidden.setAttribute(AccessAttributes.DENIED, "tenant not visible");
        assertThat(serve(hidden, 404).getLast()).satisfies(r -> {
            assertThat(r.action()).isEqualTo(RequestAuditFilter.HTTP_REQUEST);
            assertThat(r.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(r.tenant()).isEqualTo(acme.id());
            assertThat(r.details()).containsEntry("denied", "tenant not visible");
        });

        assertThat(serve(request("POST", "/api/v1/tenants/acme/rules", "/api/v1/tenants/{tenant}/rules", "acme"), 403)
                .getLast().outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(serve(request("DELETE", "/api/v1/tenants/acme/rules/x", "/api/v1/tenants/{tenant}/rules/{id}", "acme"), 404)
                .getLast().outcome()).as("a 404 of a visible tenant's missing object").isEqualTo(AuditOutcome.FAILED);
        assertThat(serve(request("POST", "/api/v1/platform/tenants", "/api/v1/platform/tenants", null), 400)
                .getLast().outcome()).isEqualTo(AuditOutcome.FAILED);
    }

    @Test
    void unauthenticatedAttemptIsRecordedAsAnonymousWithTheTenantFromThePath() throws Exception {
        assertThat(serve(request("PATCH", "/api/v1/tenants/acme/exceptions", null, null), 401)).singleElement().satisfies(r -> {
            assertThat(r.actorName()).isEqualTo(RequestAuditFilter.ANONYMOUS);
            assertThat(r.actorId()).isNull();
            assertThat(r.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(r.tenant()).isEqualTo(acme.id());
            assertThat(r.target()).isEqualTo("PATCH /api/v1/tenants/acme/exceptions");
        });
        assertThat(serve(request("POST", "/api/v1/tenants/nobody/exceptions", null, null), 401).getLast()).satisfies(r -> {
            assertThat(r.tenant()).isNull();
            assertThat(r.details()).containsEntry("tenant", "nobody");
        });
        assertThat(serve(request("GET", "/api/v1/tenants/acme/events", null, null), 401)).hasSize(2);
    }

    @Test
    void authenticationWithoutAVigilPrincipalIsRecordedByName() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken("legacy-token", null, List.of()));
        assertThat(serve(request("POST", "/api/v1/platform/tenants", "/api/v1/platform/tenants", null), 201))
                .singleElement().satisfies(r -> {
                    assertThat(r.actorName()).isEqualTo("legacy-token");
                    assertThat(r.actorKind()).isNull();
                    assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                });
    }

    @Test
    void forwardedForIsTrustedOnlyWhenConfigured() throws Exception {
        MockHttpServletRequest request = request("POST", "/api/v1/platform/tenants", "/api/v1/platform/tenants", null);
        request.addHeader("X-Forwarded-For", "10.9.9.9, 198.51.100.20");
        assertThat(serve(request, 201).getLast().sourceIp()).isEqualTo("203.0.113.9");

        filter = new RequestAuditFilter(sink, new TenantLookup(new TenantDirectory(database.dataSource(), clock)), true, clock);
        MockHttpServletRequest proxied = request("POST", "/api/v1/platform/tenants", "/api/v1/platform/tenants", null);
        proxied.addHeader("X-Forwarded-For", "10.9.9.9, 198.51.100.20");
        assertThat(serve(proxied, 201).getLast().sourceIp()).isEqualTo("198.51.100.20");
    }
}
