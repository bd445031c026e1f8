package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.audit.InMemoryAuditSink;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/** Password login with TOTP, lockout, CSRF, logout and password change, through real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthIT extends AuthTestSupport {

    static final FakeClock CLOCK = FakeClock.at("2025-03-01T10:00:00Z");

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
    }

    @Test
    void staffChangeTheirOneTimePasswordEnrolTotpAndThenNeedIt() {
        Account alice = staff("alice");
        Browser first = loginAs("alice", alice.password());
        assertThat(first.login().path("restriction").asText()).isEqualTo("password-change");
        String cookie = login(Map.of("login", "alice", "password", alice.password())).raw().headers()
                .allValues("set-cookie").getFirst();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Secure", "Path=/");

        Answer me = call("GET", "/api/v1/auth/me", null, first, null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("restriction").asText()).isEqualTo("password-change");
        assertThat(me.body().path("kind").asText()).isEqualTo("mssp-staff");
        assertThat(me.body().path("csrfToken").asText()).isEqualTo(first.csrf());

        Answer weak = send("POST", "/api/v1/auth/password", Map.of("oldPassword", "wrong", "newPassword", "alice"), first);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body().path("problems").toString()).contains("oldPassword", "at least 12 characters", "must not contain the login");

        Answer changed = send("POST", "/api/v1/auth/password",
                Map.of("oldPassword", alice.password(), "newPassword", "a sturdy passphrase 1"), first);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("restriction").asText()).as("staff must enrol MFA").isEqualTo("mfa-enrolment");

        Map<String, Object> enrolment = enrolTotp(first, CLOCK.instant());
        assertThat(enrolment.get("restriction")).isEqualTo("none");
        JsonNode codes = (JsonNode) enrolment.get("recoveryCodes");
        assertThat(codes).hasSize(10);
        String secret = (String) enrolment.get("secret");
        assertThat(call("GET", "/api/v1/auth/me", null, first, null).body().path("restriction").asText()).isEqualTo("none");

        Answer noCode = login(Map.of("login", "alice", "password", "a sturdy passphrase 1"));
        assertThat(noCode.status()).isEqualTo(401);
        assertThat(noCode.body().path("error").asText()).isEqualTo("mfa_required");

        String usedAtEnrolment = code(secret, CLOCK.instant());
        assertThat(login(Map.of("login", "alice", "password", "a sturdy passphrase 1", "totp", usedAtEnrolment)).status())
                .as("the code used to confirm enrolment cannot log in").isEqualTo(401);
        CLOCK.advance(Duration.ofSeconds(30));
        String fresh = code(secret, CLOCK.instant());
        Answer withCode = login(Map.of("login", "alice", "password", "a sturdy passphrase 1", "totp", fresh));
        assertThat(withCode.status()).isEqualTo(200);
        assertThat(withCode.body().path("restriction").asText()).isEqualTo("none");
        Answer replay = login(Map.of("login", "alice", "password", "a sturdy passphrase 1", "totp", fresh));
        assertThat(replay.status()).as("same code twice").isEqualTo(401);
        assertThat(replay.body().path("error").asText()).isEqualTo("invalid_credentials");

        String recovery = codes.get(3).asText();
        assertThat(login(Map.of("login", "alice", "password", "a sturdy passphrase 1", "recoveryCode", recovery)).status())
                .isEqualTo(200);
        assertThat(login(Map.of("login", "alice", "password", "a sturdy passphrase 1", "recoveryCode", recovery)).status())
                .as("recovery code used twice").isEqualTo(401);

        assertThat(audit.withAction("auth.password-change")).anyMatch(r -> r.outcome() == AuditOutcome.SUCCESS && r.actorName().equals("alice"));
        assertThat(audit.withAction("auth.mfa-enrol")).anyMatch(r -> r.outcome() == AuditOutcome.SUCCESS && r.actorName().equals("alice"));
        assertThat(audit.withAction("auth.recovery-code")).anyMatch(r -> r.actorName().equals("alice"));
        assertThat(audit.withAction("auth.login")).anyMatch(r -> r.outcome() == AuditOutcome.FAILED
                && r.actorName().equals("alice") && "wrong-totp".equals(r.details().get("reason")));
        assertThat(audit.records()).noneMatch(r -> r.toString().contains("a sturdy passphrase 1")
                || r.toString().contains(alice.password()) || r.toString().contains(recovery));
    }

    @Test
    void everyRefusedLoginLooksTheSame() {
        Account bob = staff("bob");
        Account carl = staff("carl");
        api("POST", "/api/v1/platform/users/" + carl.id() + "/disable", null);

        Answer unknown = login(Map.of("login", "nobody", "password", "whatever it may be"));
        Answer wrong = login(Map.of("login", "bob", "password", "not the password"));
        Answer disabled = login(Map.of("login", "carl", "password", carl.password()));

        for (Answer answer : new Answer[] {unknown, wrong, disabled}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).isEqualTo(unknown.body());
        }
        assertThat(unknown.body().path("error").asText()).isEqualTo("invalid_credentials");
        assertThat(audit.withAction("auth.login")).extracting(r -> r.details().get("reason"))
                .contains("unknown-login", "wrong-password", "disabled");
        assertThat(login(Map.of("login", "bob")).status()).as("missing password").isEqualTo(400);
        assertThat(bob.password()).isNotBlank();
    }

    @Test
    void locksAfterFiveFailuresAndReleasesAfterTheLockoutPeriod() {
        Account dana = staff("dana");
        for (int i = 0; i < 5; i++) {
            assertThat(login(Map.of("login", "dana", "password", "wrong password " + i)).status()).isEqualTo(401);
        }
        Answer locked = login(Map.of("login", "dana", "password", dana.password()));
        assertThat(locked.status()).as("right password while locked").isEqualTo(401);
        assertThat(locked.body().path("error").asText()).isEqualTo("invalid_credentials");
        assertThat(audit.withAction("auth.lockout")).anyMatch(r -> r.actorName().equals("dana"));
        assertThat(api("GET", "/api/v1/platform/users/" + dana.id(), null).body().path("locked").asBoolean()).isTrue();

        CLOCK.advance(Duration.ofMinutes(15));
        assertThat(login(Map.of("login", "dana", "password", dana.password())).status()).isEqualTo(200);
    }

    @Test
    void stateChangingSessionRequestsNeedTheCsrfToken() {
        Account erin = staff("erin");
        Browser browser = loginAs("erin", erin.password());
        Map<String, String> change = Map.of("oldPassword", erin.password(), "newPassword", "another fine passphrase");

        Answer missing = call("POST", "/api/v1/auth/password", change, browser, null);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body().path("error").asText()).isEqualTo("csrf");
        assertThat(call("POST", "/api/v1/auth/password", change, browser, browser.csrf() + "x").status()).isEqualTo(403);
        assertThat(audit.withAction("auth.csrf")).anyMatch(r -> r.actorName().equals("erin") && r.outcome() == AuditOutcome.DENIED);
        assertThat(call("GET", "/api/v1/auth/me", null, browser, null).status()).as("safe methods need none").isEqualTo(200);

        assertThat(call("POST", "/api/v1/auth/password", change, browser, browser.csrf()).status()).isEqualTo(200);
    }

    @Test
    void bearerTokenRequestsAreExemptFromCsrf() {
        Account fay = staff("fay");
        Browser browser = loginAs("fay", fay.password());
        // a cookie riding along with a bearer request does not make it a session request
        Answer created = withCookieAndToken(browser);
        assertThat(created.status()).isEqualTo(201);
    }

    private Answer withCookieAndToken(Browser browser) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/platform/users"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Cookie", browser.cookie())
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"login\":\"svc-one\",\"displayName\":\"Service\",\"kind\":\"service\"}")).build();
            var response = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void logoutEndsTheSession() {
        Account gus = staff("gus");
        Browser browser = loginAs("gus", gus.password());
        Answer out = send("POST", "/api/v1/auth/logout", null, browser);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.raw().headers().firstValue("set-cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(call("GET", "/api/v1/auth/me", null, browser, null).status()).isEqualTo(401);
        assertThat(audit.withAction("auth.logout")).anyMatch(r -> r.actorName().equals("gus"));
    }

    @Test
    void passwordChangeEndsTheAccountsOtherSessions() {
        Account hal = staff("hal");
        Browser laptop = loginAs("hal", hal.password());
        Browser phone = loginAs("hal", hal.password());

        Answer changed = send("POST", "/api/v1/auth/password",
                Map.of("oldPassword", hal.password(), "newPassword", "a brand new long passphrase"), laptop);
        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        assertThat(changed.body().path("otherSessionsEnded").asInt()).isEqualTo(1);

        assertThat(call("GET", "/api/v1/auth/me", null, phone, null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/auth/me", null, laptop, null).status()).isEqualTo(200);
    }

    @Test
    void idleSessionsExpire() {
        Account ida = staff("ida");
        Browser browser = loginAs("ida", ida.password());
        CLOCK.advance(Duration.ofMinutes(31));
        assertThat(call("GET", "/api/v1/auth/me", null, browser, null).status()).isEqualTo(401);
    }

    @Test
    void clientAdminsManageTheirOwnTenantsUsersOnly() {
        tenantWithKey("acme");
        tenantWithKey("globex");
        Answer created = api("POST", "/api/v1/tenants/acme/users",
                Map.of("login", "kim", "displayName", "Kim", "roles", java.util.List.of("client-admin")));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.body().path("user").path("kind").asText()).isEqualTo("client-user");
        Answer other = api("POST", "/api/v1/tenants/globex/users",
                Map.of("login", "lou", "displayName", "Lou", "roles", java.util.List.of("client-viewer")));
        String globexUser = other.body().path("user").path("id").asText();

        Answer invalid = api("POST", "/api/v1/tenants/acme/users",
                Map.of("login", "Not Valid", "displayName", "", "roles", java.util.List.of("analyst-t1", "nope")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("problems").findValuesAsText("location"))
                .containsExactly("login", "displayName", "roles[0]", "roles[1]");

        Browser kim = changeOneTimePassword(new Account(created.body().path("user").path("id").asText(), "kim",
                created.body().path("oneTimePassword").asText()), "kim's replacement phrase".replace("kim", "the"));
        assertThat(call("GET", "/api/v1/auth/me", null, kim, null).body().path("restriction").asText())
                .as("no MFA required for acme's client users").isEqualTo("none");
        assertThat(call("GET", "/api/v1/auth/me", null, kim, null).body().path("bindings").toString()).contains("client-admin");

        Answer made = send("POST", "/api/v1/tenants/acme/users",
                Map.of("login", "max", "displayName", "Max", "roles", java.util.List.of("client-analyst")), kim);
        assertThat(made.status()).as("%s", made.body()).isEqualTo(201);
        assertThat(made.body().path("oneTimePassword").asText()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(made.body().path("user").path("bindings").toString()).contains("client-analyst");
        assertThat(call("GET", "/api/v1/tenants/acme/users/" + globexUser, null, kim, null).status())
                .as("another tenant's user does not exist here").isEqualTo(404);
        assertThat(send("POST", "/api/v1/tenants/acme/users/" + globexUser + "/disable", null, kim).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/tenants/acme/users", null, kim, null).body().findValuesAsText("login"))
                .containsExactlyInAnyOrder("kim", "max");
        assertThat(audit.withAction("user.create")).anyMatch(r -> r.actorName().equals("kim")
                && "max".equals(r.details().get("login")));
        assertThat(audit.withAction("user.role-grant")).anyMatch(r -> r.actorName().equals("kim")
                && "client-analyst".equals(r.details().get("role")));
    }

    @Test
    void theClientAdminRequiresMfaForTheTenantsClientUsers() {
        tenantWithKey("initech");
        tenantWithKey("hooli");
        Answer adminCreated = api("POST", "/api/v1/tenants/initech/users",
                Map.of("login", "ivy", "displayName", "Ivy", "roles", java.util.List.of("client-admin")));
        Browser ivy = changeOneTimePassword(new Account(adminCreated.body().path("user").path("id").asText(), "ivy",
                adminCreated.body().path("oneTimePassword").asText()), "the admin's own phrase");
        Answer created = api("POST", "/api/v1/tenants/initech/users",
                Map.of("login", "nia", "displayName", "Nia", "roles", java.util.List.of("client-viewer")));
        Browser nia = changeOneTimePassword(new Account(created.body().path("user").path("id").asText(), "nia",
                created.body().path("oneTimePassword").asText()), "a perfectly fine phrase");
        assertThat(call("GET", "/api/v1/auth/me", null, nia, null).body().path("restriction").asText()).isEqualTo("none");
        String path = "/api/v1/tenants/initech/client-mfa";
        assertThat(call("GET", path, null, nia, null).body().path("required").asBoolean()).isFalse();

        assertThat(send("PUT", path, Map.of("required", true), nia).status()).as("a viewer reads only").isEqualTo(403);
        assertThat(send("PUT", "/api/v1/tenants/hooli/client-mfa", Map.of("required", true), ivy).status()).isEqualTo(404);
        Answer missing = send("PUT", path, Map.of(), ivy);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("problems").findValuesAsText("location")).containsExactly("required");
        Answer required = send("PUT", path, Map.of("required", true), ivy);
        assertThat(required.status()).as("%s", required.body()).isEqualTo(200);
        assertThat(required.body().path("required").asBoolean()).isTrue();
        assertThat(api("GET", path, null).body().path("required").asBoolean()).isTrue();
        assertThat(api("GET", "/api/v1/tenants/hooli/client-mfa", null).body().path("required").asBoolean()).isFalse();
        assertThat(audit.withAction("tenant.client-mfa")).anyMatch(r -> r.actorName().equals("ivy")
                && "true".equals(r.details().get("required")) && "false".equals(r.details().get("was"))
                && r.tenant() != null && r.tenant().toString().equals(api("GET", "/api/v1/platform/tenants/initech", null)
                        .body().path("id").asText()));

        Browser next = loginAs("nia", "a perfectly fine phrase");
        assertThat(next.login().path("restriction").asText()).as("at the next sign-in").isEqualTo("mfa-enrolment");
        assertThat(call("GET", "/api/v1/tenants/initech/events", null, next, null).status()).isEqualTo(403);
    }

    @Test
    void grantingARoleNeedsEveryPermissionOfIt() {
        tenantWithKey("umbrella");
        Account oli = staff("oli");
        api("POST", "/api/v1/platform/users/" + oli.id() + "/bindings", Map.of("role", "soc-manager"));
        Browser browser = changeOneTimePassword(oli, "a quiet summer evening");
        assertThat(enrolTotp(browser, CLOCK.instant()).get("restriction")).isEqualTo("none");
        Account pat = staff("pat");

        // soc-manager holds users.manage and every permission of analyst-t1, but not all of platform-admin's
        Answer escalate = send("POST", "/api/v1/platform/users/" + pat.id() + "/bindings", Map.of("role", "platform-admin"), browser);
        assertThat(escalate.status()).isEqualTo(403);
        assertThat(escalate.body().path("message").asText()).contains("platform-admin");
        Answer granted = send("POST", "/api/v1/platform/users/" + pat.id() + "/bindings", Map.of("role", "analyst-t1"), browser);
        assertThat(granted.status()).as("%s", granted.body()).isEqualTo(201);
        assertThat(audit.withAction("user.role-grant")).anyMatch(r -> r.actorName().equals("oli")
                && "analyst-t1".equals(r.details().get("role")) && "all-tenants".equals(r.details().get("scope")));

        Answer revoked = send("DELETE", "/api/v1/platform/users/" + pat.id() + "/bindings/" + granted.body().path("id").asText(),
                null, browser);
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(audit.withAction("user.role-revoke")).anyMatch(r -> r.actorName().equals("oli"));
        Answer badRole = send("POST", "/api/v1/platform/users/" + pat.id() + "/bindings",
                Map.of("role", "client-admin", "tenant", "nowhere"), browser);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.body().path("problems").toString()).contains("role", "tenant");
    }
}
