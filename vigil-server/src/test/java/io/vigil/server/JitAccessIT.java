package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.access.TestActors;
import io.vigil.server.security.VigilPrincipal;
import io.vigil.testkit.audit.InMemoryAuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The just-in-time flow over real HTTP: request, four-eyes, approval, the client admin's view, revocation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestActors.class)
class JitAccessIT extends ServerTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
    }

    @Autowired
    TestActors actors;

    @Autowired
    InMemoryAuditSink audit;

    private final UUID aliceId = UUID.randomUUID();

    private void actor(String name, UUID id, ActorKind kind, TenantId home, RoleBinding... bindings) {
        // bindings without expiry: the principal's access is computed once, as at sign-in
        actors.register(name, new VigilPrincipal(new Actor(id, name, kind, home), Access.of(List.of(bindings), Instant.now()),
                VigilPrincipal.Method.SESSION, "test-" + name, VigilPrincipal.Restriction.NONE));
    }

    private Answer as(String actor, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header(TestActors.HEADER, actor)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()),
                    response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRequestIsApprovedByAnotherPersonSeenByTheClientAdminAndRevoked() {
        tenantWithKey("jit-a");
        TenantId tenant = TenantId.of(api("GET", "/api/v1/platform/tenants/jit-a", null).body().get("id").asText());
        actor("alice", aliceId, ActorKind.MSSP_STAFF, null, RoleBinding.allTenants(Role.ANALYST_T1));
        actor("alice.admin", aliceId, ActorKind.MSSP_STAFF, null, RoleBinding.allTenants(Role.SOC_MANAGER));
        actor("bob", UUID.randomUUID(), ActorKind.MSSP_STAFF, null, RoleBinding.allTenants(Role.SOC_MANAGER));
        actor("dave", UUID.randomUUID(), ActorKind.CLIENT_USER, tenant, RoleBinding.on(Role.CLIENT_ADMIN, tenant));
        String base = "/api/v1/tenants/jit-a/access-requests";

        Answer bad = as("alice", "POST", base, Map.of("role", "platform-admin", "reason", "", "durationMinutes", 9999));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("problems").findValuesAsText("location")).contains("role", "reason", "durationMinutes");

        Answer filed = as("alice", "POST", base, Map.of("role", "analyst-t3", "reason", "INC-42: contain host",
                "durationMinutes", 60));
        assertThat(filed.status()).as("%s", filed.body()).isEqualTo(201);
        assertThat(filed.body().get("state").asText()).isEqualTo("pending");
        String id = filed.body().get("id").asText();

        assertThat(as("alice.admin", "POST", base + "/" + id + "/approve", Map.of()).status())
                .as("the requester under another login").isEqualTo(403);
        assertThat(as("dave", "POST", base, Map.of("role", "analyst-t3", "reason", "x", "durationMinutes", 5)).status())
                .as("a client admin cannot request").isEqualTo(403);
        assertThat(as("alice", "GET", base, null).status()).as("a T1 cannot read the tenant's requests").isEqualTo(403);

        Answer approved = as("bob", "POST", base + "/" + id + "/approve", Map.of("note", "ok for INC-42"));
        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
        assertThat(approved.body().get("state").asText()).isEqualTo("approved");
        assertThat(approved.body().get("active").asBoolean()).isTrue();
        assertThat(approved.body().get("deciderName").asText()).isEqualTo("bob");

        Answer seen = as("dave", "GET", base, null);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("id").asText()).isEqualTo(id);
            assertThat(item.get("requesterName").asText()).isEqualTo("alice");
            assertThat(item.get("expiresAt").isNull()).isFalse();
        });
        assertThat(as("dave", "GET", base + "/" + id, null).body().get("role").asText()).isEqualTo("analyst-t3");
        assertThat(as("alice", "GET", "/api/v1/auth/access-requests", null).body().findValuesAsText("id")).containsExactly(id);

        assertThat(as("bob", "POST", base + "/" + id + "/deny", Map.of("note", "too late")).status())
                .as("decided already").isEqualTo(409);
        Answer revoked = as("bob", "POST", base + "/" + id + "/revoke", Map.of("note", "contained"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().get("state").asText()).isEqualTo("revoked");
        assertThat(revoked.body().get("active").asBoolean()).isFalse();
        assertThat(as("bob", "GET", base + "/" + UUID.randomUUID(), null).status()).isEqualTo(404);

        List<AuditRecord> trail = audit.matching(r -> id.equals(r.target()));
        assertThat(trail).extracting(AuditRecord::action, AuditRecord::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("access.request", AuditOutcome.SUCCESS),
                org.assertj.core.groups.Tuple.tuple("access.approve", AuditOutcome.DENIED),
                org.assertj.core.groups.Tuple.tuple("access.approve", AuditOutcome.SUCCESS),
                org.assertj.core.groups.Tuple.tuple("access.deny", AuditOutcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("access.revoke", AuditOutcome.SUCCESS));
        assertThat(trail).allSatisfy(r -> assertThat(r.tenant()).isEqualTo(tenant));
    }

    @Test
    void serviceAccountsCannotRequestAndAnonymousCallersAreUnauthenticated() {
        tenantWithKey("jit-b");
        Answer answer = api("POST", "/api/v1/tenants/jit-b/access-requests", Map.of("role", "analyst-t3", "reason", "x",
                "durationMinutes", 5));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().get("message").asText()).contains("service account");
        assertThat(api("POST", "/api/v1/tenants/jit-b/access-requests", Map.of(), null).status()).isEqualTo(401);
    }
}
