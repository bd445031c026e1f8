package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.tenant.TenantId;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.audit.InMemoryAuditSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The just-in-time flow over real HTTP with real people signed in: a request, the requester's own approval refused,
 * another person's approval, the elevated access in use, its expiry, and the client admin watching throughout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JitAccessIT extends AuthTestSupport {

    static final FakeClock CLOCK = FakeClock.at("2025-04-01T09:00:00Z");

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired
    InMemoryAuditSink audit;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.auth.login-attempts-per-minute", () -> "10000");
        registry.add("vigil.access.jit.expiry-interval", () -> "1s");
    }

    /** MSSP staff holding {@code role} on all tenants, signed in with password and TOTP. */
    private Browser staffWith(String login, String role) {
        Account account = staff(login);
        assertThat(api("POST", "/api/v1/platform/users/" + account.id() + "/bindings", Map.of("role", role)).status())
                .isEqualTo(201);
        Browser browser = changeOneTimePassword(account, "an everyday sturdy passphrase");
        assertThat(enrolTotp(browser, CLOCK.instant()).get("restriction")).isEqualTo("none");
        return browser;
    }

    private String personalToken(Browser browser) {
        Answer issued = send("POST", "/api/v1/auth/tokens", Map.of("label", "jit test"), browser);
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(201);
        return issued.body().path("secret").asText();
    }

    @Test
    void anotherPersonApprovesTheGrantWorksExpiresAndTheClientAdminSeesEveryStep() {
        tenantWithKey("jit-a");
        TenantId tenant = TenantId.of(api("GET", "/api/v1/platform/tenants/jit-a", null).body().get("id").asText());
        Browser alice = staffWith("alice", "soc-manager");
        Browser bob = staffWith("bob", "soc-manager");
        Browser dave = clientUser("jit-a", "dave", "client-admin");
        String aliceToken = personalToken(alice);
        String daveToken = personalToken(dave);
        String base = "/api/v1/tenants/jit-a/access-requests";
        String elevated = "/api/v1/tenants/jit-a/ingest-keys"; // ingest-keys.manage: analyst-t3 has it, soc-manager not

        assertThat(api("GET", elevated, null, aliceToken).status()).as("before the grant").isEqualTo(403);
        Answer bad = send("POST", base, Map.of("role", "platform-admin", "reason", "", "durationMinutes", 9999), alice);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("problems").findValuesAsText("location")).contains("role", "reason", "durationMinutes");

        Answer filed = send("POST", base, Map.of("role", "analyst-t3", "reason", "INC-42: rotate the collector key",
                "durationMinutes", 60), alice);
        assertThat(filed.status()).as("%s", filed.body()).isEqualTo(201);
        assertThat(filed.body().get("state").asText()).isEqualTo("pending");
        String id = filed.body().get("id").asText();

        assertThat(send("POST", base + "/" + id + "/approve", Map.of(), alice).status()).as("her own request").isEqualTo(403);
        assertThat(api("POST", base + "/" + id + "/approve", Map.of(), aliceToken).status())
                .as("her own request, with her token").isEqualTo(403);
        assertThat(send("POST", base, Map.of("role", "analyst-t3", "reason", "x", "durationMinutes", 5), dave).status())
                .as("a client admin cannot request").isEqualTo(403);
        assertThat(send("POST", base + "/" + id + "/approve", Map.of(), dave).status())
                .as("nor approve").isEqualTo(403);

        Answer approved = send("POST", base + "/" + id + "/approve", Map.of("note", "ok for INC-42"), bob);
        assertThat(approved.status()).as("%s", approved.body()).isEqualTo(200);
        assertThat(approved.body().get("state").asText()).isEqualTo("approved");
        assertThat(approved.body().get("active").asBoolean()).isTrue();
        assertThat(approved.body().get("deciderName").asText()).isEqualTo("bob");

        assertThat(api("GET", elevated, null, aliceToken).status()).as("the grant works for her token").isEqualTo(200);
        assertThat(call("GET", elevated, null, alice, null).status()).as("and her session").isEqualTo(200);
        assertThat(api("GET", elevated.replace("jit-a", "no-such"), null, aliceToken).status()).isEqualTo(404);

        Answer seen = call("GET", base, null, dave, null);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("id").asText()).isEqualTo(id);
            assertThat(item.get("requesterName").asText()).isEqualTo("alice");
            assertThat(item.get("deciderName").asText()).isEqualTo("bob");
            assertThat(item.get("expiresAt").asText()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(60)).toString());
        });
        assertThat(call("GET", "/api/v1/auth/access-requests", null, alice, null).body().findValuesAsText("id"))
                .containsExactly(id);

        CLOCK.advance(Duration.ofMinutes(60));
        assertThat(api("GET", elevated, null, aliceToken).status()).as("expired with the clock").isEqualTo(403);
        await("the expiry job", () -> "expired".equals(api("GET", base + "/" + id, null, daveToken).body().path("state").asText()));
        assertThat(api("GET", "/api/v1/tenants/jit-a/audit?limit=1000", null, daveToken).body().findValuesAsText("action"))
                .as("the client admin reads every step in the tenant's audit log")
                .contains("access.request", "access.approve", "access.expire");

        List<AuditRecord> trail = audit.matching(r -> id.equals(r.target()));
        assertThat(trail).extracting(AuditRecord::action, AuditRecord::outcome, AuditRecord::actorName).containsExactly(
                tuple("access.request", AuditOutcome.SUCCESS, "alice"),
                tuple("access.approve", AuditOutcome.DENIED, "alice"),
                tuple("access.approve", AuditOutcome.DENIED, "alice"),
                tuple("access.approve", AuditOutcome.SUCCESS, "bob"),
                tuple("access.expire", AuditOutcome.SUCCESS, "system"));
        assertThat(trail).allSatisfy(r -> assertThat(r.tenant()).isEqualTo(tenant));
    }

    @Test
    void aDeniedRequestGrantsNothingAndARevokedGrantEndsAtOnce() {
        tenantWithKey("jit-b");
        Browser erin = staffWith("erin", "analyst-t1");
        Browser fred = staffWith("fred", "soc-manager");
        String erinToken = personalToken(erin);
        String base = "/api/v1/tenants/jit-b/access-requests";

        String first = send("POST", base, Map.of("role", "analyst-t2", "reason", "look at failures", "durationMinutes", 30),
                erin).body().get("id").asText();
        assertThat(send("POST", base + "/" + first + "/deny", Map.of("note", "not needed"), fred).body().get("state").asText())
                .isEqualTo("denied");
        assertThat(send("POST", base + "/" + first + "/approve", Map.of(), fred).status()).as("decided already").isEqualTo(409);
        assertThat(api("GET", "/api/v1/tenants/jit-b/failures", null, erinToken).status()).isEqualTo(403);

        String second = send("POST", base, Map.of("role", "analyst-t2", "reason", "INC-7 failures", "durationMinutes", 30),
                erin).body().get("id").asText();
        assertThat(send("POST", base + "/" + second + "/approve", Map.of(), fred).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/tenants/jit-b/failures", null, erinToken).status()).isEqualTo(200);
        Answer revoked = send("POST", base + "/" + second + "/revoke", Map.of("note", "done"), fred);
        assertThat(revoked.body().get("state").asText()).isEqualTo("revoked");
        assertThat(api("GET", "/api/v1/tenants/jit-b/failures", null, erinToken).status()).isEqualTo(403);
        assertThat(call("GET", base, null, erin, null).status()).as("a T1 cannot read the tenant's requests").isEqualTo(403);
    }

    @Test
    void serviceAccountsCannotRequestAndAnonymousCallersAreUnauthenticated() {
        tenantWithKey("jit-c");
        Answer answer = api("POST", "/api/v1/tenants/jit-c/access-requests", Map.of("role", "analyst-t3", "reason", "x",
                "durationMinutes", 5));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().get("message").asText()).contains("service account");
        assertThat(api("POST", "/api/v1/tenants/jit-c/access-requests", Map.of(), null).status()).isEqualTo(401);
    }
}
