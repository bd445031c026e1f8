package io.vigil.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.server.ServerTestSupport;
import io.vigil.testkit.audit.InMemoryAuditSink;
import io.vigil.testoidc.TestOidcProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on end to end against a real OpenID provider (Spring Authorization Server, started in the test): the
 * browser's redirects, the provider's login form with its CSRF token, the code exchange with PKCE, ID token
 * validation and the claim mapping, driven over HTTP with cookies handled by hand. The login completion is the
 * test's own: it answers with what it was handed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OidcLoginIT extends ServerTestSupport {

    private static final String SECRET = "the-client-secret-of-vigil-at-the-test-provider";
    private static final int VIGIL_PORT = freePort();
    private static final List<String> PROVIDERS = List.of("corp", "corp-post", "wrong-secret");
    private static final TestOidcProvider.Running IDP = TestOidcProvider.start(SECRET, PROVIDERS.stream()
            .map(id -> "http://127.0.0.1:" + VIGIL_PORT + "/api/v1/auth/oidc/" + id + "/callback").toList());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("server.port", () -> String.valueOf(VIGIL_PORT));
        for (int i = 0; i < PROVIDERS.size(); i++) {
            String p = "vigil.auth.oidc.providers[" + i + "].";
            String id = PROVIDERS.get(i);
            registry.add(p + "id", () -> id);
            registry.add(p + "display-name", () -> "Corporate login " + id);
            registry.add(p + "issuer", IDP::issuer);
            registry.add(p + "client-id", () -> TestOidcProvider.CLIENT_ID);
            registry.add(p + "client-secret", () -> id.equals("wrong-secret") ? "not-" + SECRET : SECRET);
            registry.add(p + "client-auth", () -> id.equals("corp-post") ? "client_secret_post" : "client_secret_basic");
            registry.add(p + "redirect-base-url", () -> "http://127.0.0.1:" + VIGIL_PORT);
            registry.add(p + "mapping.tenant-claim", () -> "tenant");
            registry.add(p + "mapping.groups[0].group", () -> "soc-t1");
            registry.add(p + "mapping.groups[0].role", () -> "analyst-t1");
            registry.add(p + "mapping.groups[1].group", () -> "acme-admins");
            registry.add(p + "mapping.groups[1].role", () -> "client-admin");
            registry.add(p + "mapping.groups[1].tenant", () -> "acme");
        }
    }

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @TestConfiguration
    static class Completion {
        /** Answers with what the login proved, so that the tests can check it; the product's completion is tested below. */
        @Bean
        @org.springframework.context.annotation.Primary
        OidcLoginCompletion recordingCompletion(ObjectMapper json) {
            return (identity, access, returnPath, request, response) -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("login", identity.login());
                body.put("name", identity.name());
                body.put("issuer", identity.issuer());
                body.put("subject", identity.subject());
                body.put("kind", access.kind().code());
                body.put("homeTenant", access.homeTenant() == null ? null : access.homeTenant().toString());
                body.put("bindings", access.bindings().stream()
                        .map(b -> b.role().code() + "@" + (b.isAllTenants() ? "*" : b.tenant().toString())).toList());
                body.put("returnPath", returnPath);
                response.setStatus(200);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                json.writeValue(response.getOutputStream(), body);
            };
        }
    }

    @Autowired
    InMemoryAuditSink audit;

    @Test
    void listsTheProvidersWithoutAuthentication() {
        Answer answer = api("GET", "/api/v1/auth/oidc", null, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().findValuesAsText("id")).containsExactlyElementsOf(PROVIDERS);
        assertThat(answer.body().get(0).get("loginPath").asText()).isEqualTo("/api/v1/auth/oidc/corp/login");
        assertThat(answer.raw().body()).doesNotContain(SECRET);
        assertThat(api("GET", "/api/v1/auth/oidc/nowhere/login", null, null).status()).isEqualTo(404);
    }

    @Test
    void signsInStaffThroughTheProviderAndMapsTheirGroups() {
        Browser browser = new Browser();
        String callback = browser.signInAtProvider("corp", "alice");
        HttpResponse<String> done = browser.get(callback);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode result = read(done);
        assertThat(result.get("login").asText()).isEqualTo("alice");
        assertThat(result.get("name").asText()).isEqualTo("Alice Analyst");
        assertThat(result.get("issuer").asText()).isEqualTo(IDP.issuer());
        assertThat(result.get("subject").asText()).isEqualTo("alice");
        assertThat(result.get("kind").asText()).isEqualTo("mssp-staff");
        assertThat(result.get("bindings")).extracting(JsonNode::asText).containsExactly("analyst-t1@*");
        assertThat(result.get("returnPath").asText()).isEqualTo("/console");
        assertThat(auditFor("alice", "auth.sso.login")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(r.actorKind()).isEqualTo("mssp-staff");
            assertThat(r.details()).containsEntry("subject", "alice").containsEntry("roles", "analyst-t1@*");
        });
    }

    @Test
    void signsInAClientUserOfTheirTenantWithClientSecretPost() {
        Answer tenant = api("POST", "/api/v1/platform/tenants", Map.of("slug", "acme", "displayName", "Acme Ltd",
                "timezone", "Europe/Berlin"));
        String acmeId = tenant.status() == 201 ? tenant.body().get("id").asText()
                : api("GET", "/api/v1/tenants/acme", null).body().get("id").asText();
        Browser browser = new Browser();

        HttpResponse<String> done = browser.get(browser.signInAtProvider("corp-post", "carol"));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode result = read(done);
        assertThat(result.get("kind").asText()).isEqualTo("client-user");
        assertThat(result.get("homeTenant").asText()).isEqualTo(acmeId);
        assertThat(result.get("bindings")).extracting(JsonNode::asText).containsExactly("client-admin@" + acmeId);
    }

    @Test
    void refusesStaffWhoDidNotUseMultiFactorAuthentication() {
        Browser browser = new Browser();
        HttpResponse<String> done = browser.get(browser.signInAtProvider("corp", "bob"));

        assertRefused(done, 403, "sso_access_refused", "multi-factor");
        assertThat(auditFor("bob", "auth.sso.failed")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(AuditOutcome.DENIED))
                .satisfies(r -> assertThat(r.details().get("reason")).contains("multi-factor"));
        assertThat(auditFor("bob", "auth.sso.login")).isEmpty();
    }

    @Test
    void refusesAnAccountWhoseGroupsMapToNoRole() {
        Browser browser = new Browser();
        HttpResponse<String> done = browser.get(browser.signInAtProvider("corp", "dave"));

        assertRefused(done, 403, "sso_access_refused", "is mapped to a Vigil role");
        assertThat(auditFor("dave", "auth.sso.failed")).hasSize(1);
    }

    @Test
    void refusesTheCodeExchangeWithAWrongClientSecret() {
        Browser browser = new Browser();
        HttpResponse<String> done = browser.get(browser.signInAtProvider("wrong-secret", "alice"));

        assertRefused(done, 401, "sso_token_rejected", "invalid_client");
    }

    @Test
    void refusesATamperedState() {
        Browser browser = new Browser();
        String callback = browser.signInAtProvider("corp", "alice");
        String tampered = callback.replaceFirst("state=[^&]+", "state=" + "A".repeat(43));

        assertRefused(browser.get(tampered), 400, "invalid_state", "unknown or already used");
    }

    @Test
    void refusesAReplayedCallback() {
        Browser browser = new Browser();
        String callback = browser.signInAtProvider("corp", "alice");
        assertThat(browser.get(callback).statusCode()).isEqualTo(200);

        assertRefused(browser.get(callback), 400, "invalid_state", "unknown or already used");
    }

    @Test
    void refusesACallbackInAnotherBrowser() {
        String callback = new Browser().signInAtProvider("corp", "alice");

        assertRefused(new Browser().get(callback), 400, "invalid_state", "another browser");
    }

    @Test
    void refusesAnIdTokenForAnotherAudience() {
        Browser browser = new Browser();
        HttpResponse<String> done = browser.get(browser.signInAtProvider("corp", TestOidcProvider.WRONG_AUDIENCE));

        assertRefused(done, 401, "sso_invalid_id_token", "audience");
    }

    @Test
    void refusesAnIdTokenWithAnotherNonce() {
        Browser browser = new Browser();
        HttpResponse<String> done = browser.get(browser.signInAtProvider("corp", TestOidcProvider.WRONG_NONCE));

        assertRefused(done, 401, "sso_invalid_id_token", "nonce");
    }

    @Test
    void reportsAnErrorTheProviderSentBack() {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(vigil("/api/v1/auth/oidc/corp/login"));
        String state = query(URI.create(location(start))).get("state");

        HttpResponse<String> done = browser.get(vigil("/api/v1/auth/oidc/corp/callback?error=access_denied"
                + "&error_description=" + encode("The user said no") + "&state=" + state));

        assertRefused(done, 401, "sso_provider_error", "access_denied (The user said no)");
    }

    @Test
    void refusesAReturnPathOffThisServer() {
        assertThat(api("GET", "/api/v1/auth/oidc/corp/login?return=" + encode("//evil.example/x"), null, null).status())
                .isEqualTo(400);
    }

    private List<AuditRecord> auditFor(String login, String action) {
        return audit.matching(r -> r.actorName().equals(login) && r.action().equals(action));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = read(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).contains(message);
    }

    private String vigil(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A browser: follows nothing by itself, keeps cookies by name, sends them all back. */
    private final class Browser {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private final Map<String, String> cookies = new LinkedHashMap<>();

        /** Walks from Vigil's login to the provider's redirect back to Vigil; returns that callback URL. */
        String signInAtProvider(String provider, String username) {
            HttpResponse<String> start = get(vigil("/api/v1/auth/oidc/" + provider + "/login?return=/console"));
            assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
            String authorize = location(start);
            Map<String, String> request = query(URI.create(authorize));
            assertThat(authorize).startsWith(IDP.issuer() + "/oauth2/authorize?");
            assertThat(request).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
                    .containsKeys("state", "nonce", "code_challenge").containsEntry("client_id", TestOidcProvider.CLIENT_ID);
            assertThat(cookies).containsKey(OidcController.COOKIE);

            String loginPage = location(expect(get(authorize), 302));
            HttpResponse<String> form = expect(get(loginPage), 200);
            Matcher csrf = CSRF.matcher(form.body());
            assertThat(csrf.find()).as("CSRF token in the provider's login form").isTrue();
            String resumed = location(expect(postForm(loginPage, Map.of("username", username,
                    "password", "password-" + username, "_csrf", csrf.group(1))), 302));
            String callback = location(expect(get(resumed), 302));
            assertThat(callback).startsWith(vigil("/api/v1/auth/oidc/" + provider + "/callback?"));
            return callback;
        }

        HttpResponse<String> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET());
        }

        HttpResponse<String> postForm(String url, Map<String, String> form) {
            String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            // a browser asks for HTML; Spring Security does not save a request that asks for JSON to resume after login
            request.timeout(Duration.ofSeconds(20)).header("Accept", "text/html");
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                for (String header : response.headers().allValues("Set-Cookie")) {
                    String pair = header.split(";", 2)[0];
                    String name = pair.substring(0, pair.indexOf('=')).strip();
                    String value = pair.substring(pair.indexOf('=') + 1).strip();
                    if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                }
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private HttpResponse<String> expect(HttpResponse<String> response, int status) {
            assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.request().uri(),
                    response.body()).isEqualTo(status);
            return response;
        }
    }

    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no Location in the answer of " + response.request().uri() + ": " + response.statusCode()));
        return response.request().uri().resolve(location).toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return parameters;
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    java.util.List<OidcLoginCompletion> completions;

    @Autowired
    io.vigil.store.identity.Users users;

    @Test
    void theProductsCompletionOpensASessionForTheMappedAccount() throws Exception {
        OidcLoginCompletion product = completions.stream()
                .filter(c -> c.getClass().getName().equals("io.vigil.server.auth.SsoLoginCompletion")).findFirst().orElseThrow();
        OidcIdentity identity = new OidcIdentity("corp", IDP.issuer(), "sso-carol", "carol", "carol@example.test",
                "Carol SOC", Map.of("amr", java.util.List.of("pwd", "otp")));
        MappedAccess access = new MappedAccess(io.vigil.core.access.ActorKind.MSSP_STAFF, null,
                java.util.List.of(io.vigil.core.access.RoleBinding.allTenants(io.vigil.core.access.Role.ANALYST_T1)), true);
        var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/v1/auth/oidc/corp/callback");
        var response = new org.springframework.mock.web.MockHttpServletResponse();

        product.complete(identity, access, "/console", request, response);

        assertThat(response.getStatus()).isEqualTo(303);
        assertThat(response.getHeader("Location")).isEqualTo("/console");
        String cookie = response.getHeaders("Set-Cookie").stream().filter(c -> c.startsWith("vigil_session=")).findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        var account = users.findByLogin("carol").orElseThrow();
        assertThat(account.kind()).isEqualTo(io.vigil.core.access.ActorKind.MSSP_STAFF);

        HttpResponse<String> me = HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/auth/me"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("carol").contains("analyst-t1").contains("\"restriction\":\"none\"");
    }
}
