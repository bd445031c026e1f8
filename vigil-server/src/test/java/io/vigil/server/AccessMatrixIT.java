package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigil.core.access.Access;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Permission;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.server.security.AccessInterceptor;
import io.vigil.server.security.AccessInterceptor.Rule;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.tenant.TenantDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint the application maps, from its own request mappings, and proves the access model on each:
 * every handler declares exactly one access rule; without credentials (or with forged ones) nothing but the public
 * login endpoints answers; every role gets exactly the permissions of the roles table ({@link Role}), no more and
 * no less; and a principal of tenant A gets the same 404 for tenant B, and for tenant B's objects, as for things
 * that do not exist. Tenant B's objects are real (made through the API and HTTP ingest, and read back by a platform
 * admin in {@code theObjectsOfTenantBExist}), so the 404s are proved on objects that exist. A new endpoint is covered automatically; one without an access rule fails the first test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessMatrixIT extends ServerTestSupport {

    private static final String A = "matrix-a";
    private static final String B = "matrix-b";
    private static final String NO_OBJECT = "00000000-0000-4000-8000-0000000000ff";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    TenantDirectory tenants;

    /** A principal under test: its bindings and its API token. */
    record Principal(String name, List<RoleBinding> bindings, String token) {
        Access access() {
            return Access.of(bindings, Instant.now());
        }
    }

    record Endpoint(String method, String pattern, Rule rule) {
        /**
         * The pattern with its variables filled in: a value keyed by the segment before the variable and its name
         * ({@code access-requests/id}) wins over one keyed by the name alone ({@code id}).
         */
        String path(Map<String, String> values) {
            Matcher m = VARIABLE.matcher(pattern);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String before = pattern.substring(0, Math.max(0, m.start() - 1));
                String qualified = before.substring(before.lastIndexOf('/') + 1) + "/" + m.group(1);
                String value = values.getOrDefault(qualified, values.getOrDefault(m.group(1), NO_OBJECT));
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            return m.appendTail(out).toString();
        }

        boolean addressesObjects() {
            return VARIABLE.matcher(pattern.replace("{tenant}", "")).find();
        }

        boolean tenantScoped() {
            return pattern.contains("{tenant}");
        }
    }

    private static Tenant tenantA;
    private static Tenant tenantB;
    private static final List<Principal> PRINCIPALS = new ArrayList<>();
    private static final Map<String, String> OBJECTS_OF_B = new HashMap<>();

    @BeforeEach
    void principalsAndObjects() {
        if (tenantA != null) {
            return;
        }
        tenantA = tenants.create(new TenantSlug(A), "Matrix A", ZoneOffset.UTC);
        tenantB = tenants.create(new TenantSlug(B), "Matrix B", ZoneOffset.UTC);
        for (Role role : Role.values()) {
            if (role.audience() == Role.Audience.MSSP) {
                PRINCIPALS.add(principal(role.code() + "-all", ActorKind.MSSP_STAFF, null, RoleBinding.allTenants(role)));
                PRINCIPALS.add(principal(role.code() + "-a", ActorKind.MSSP_STAFF, null, RoleBinding.on(role, tenantA.id())));
            } else {
                PRINCIPALS.add(principal(role.code() + "-a", ActorKind.CLIENT_USER, tenantA, RoleBinding.on(role, tenantA.id())));
            }
        }
        // Real objects of tenant B, named by the path variables that address them.
        Answer key = api("POST", "/api/v1/tenants/" + B + "/ingest-keys", Map.of("label", "b-key"));
        OBJECTS_OF_B.put("keyId", key.body().get("id").asText());
        String sample = sample();
        assertThat(ingest(key.body().get("secret").asText(), sample).status()).isEqualTo(202);
        await("tenant B's event and its detection", () -> !firstId("events").isEmpty() && !firstId("detections").isEmpty());
        OBJECTS_OF_B.put("eventId", firstId("events"));
        OBJECTS_OF_B.put("detectionId", firstId("detections"));
        await("tenant B's incident from that detection", () -> !firstId("incidents").isEmpty());
        String incident = firstId("incidents");
        OBJECTS_OF_B.put("incidentId", incident);
        assertThat(api("POST", "/api/v1/tenants/" + B + "/incidents/" + incident + "/regulatory/nis2", Map.of()).status())
                .isEqualTo(201);
        OBJECTS_OF_B.put("attachmentId", attachment("/api/v1/tenants/" + B + "/incidents/" + incident
                + "/attachments?name=b.txt", "matrix b"));
        OBJECTS_OF_B.put("assetId", api("POST", "/api/v1/tenants/" + B + "/assets", Map.of("name", "b-host",
                "identifiers", List.of("b-host"), "criticality", "low")).body().path("id").asText(NO_OBJECT));
        assertThat(ingest(key.body().get("secret").asText(), "{not json}\n").status()).isEqualTo(400);
        OBJECTS_OF_B.put("failureId", firstId("failures"));
        Answer exception = api("POST", "/api/v1/tenants/" + B + "/exceptions", Map.of("yaml", """
                title: Matrix B exception
                id: 6f1b1c57-0000-4000-8000-0000000000e1
                logsource:
                  category: process_creation
                  product: windows
                filter:
                  rules:
                    - d059842b-6b9d-4ed1-b5c3-5b89143c6ede
                  selection:
                    CommandLine|contains: matrix
                  condition: selection
                """, "reason", "matrix", "expires", "2999-01-01T00:00:00Z"));
        assertThat(exception.status()).as("%s", exception.body()).isEqualTo(201);
        OBJECTS_OF_B.put("exceptionId", exception.body().path("id").asText());
        Principal requester = PRINCIPALS.stream().filter(p -> p.name().equals("analyst-t1-all")).findFirst().orElseThrow();
        OBJECTS_OF_B.put("access-requests/id", api("POST", "/api/v1/tenants/" + B + "/access-requests",
                Map.of("role", "analyst-t3", "reason", "matrix", "durationMinutes", 30), requester.token())
                .body().path("id").asText(NO_OBJECT));
        // a client user of B, holding a role binding there
        OBJECTS_OF_B.put("users/id", api("POST", "/api/v1/tenants/" + B + "/users",
                Map.of("login", "b-viewer", "displayName", "B viewer", "roles", List.of("client-viewer"))).body()
                .path("user").path("id").asText(NO_OBJECT));
        OBJECTS_OF_B.put("ruleId", api("POST", "/api/v1/tenants/" + B + "/rules", Map.of("yaml", """
                title: Matrix B rule
                id: 6f1b1c57-0000-4000-8000-0000000000b1
                status: experimental
                author: Vigil tests
                level: low
                logsource:
                  category: process_creation
                  product: windows
                detection:
                  selection:
                    Image|endswith: '\\\\matrix-b.exe'
                  condition: selection
                """)).body().path("rules").path(0).path("ruleId").asText(NO_OBJECT));
        api("PUT", "/api/v1/tenants/" + B + "/placeholders/matrix_hosts", Map.of("values", List.of("b-host")));
        OBJECTS_OF_B.put("name", "matrix_hosts");
    }

    /** Uploads an attachment to an incident as the platform administrator; answers its id. */
    private String attachment(String path, String content) {
        try {
            java.net.http.HttpResponse<String> response = HTTP.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/plain")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(content)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JSON.readTree(response.body()).path("attachments").path(0).path("id").asText(NO_OBJECT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String firstId(String collection) {
        return api("GET", "/api/v1/tenants/" + B + "/" + collection + "?limit=1", null).body().path("items").path(0)
                .path("id").asText("");
    }

    /** A Sysmon process creation that a shipped SigmaHQ rule (bitsadmin download) detects. */
    private static String sample() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        Path shared = configured != null ? Path.of(configured) : Path.of("../../shared/data");
        try {
            return Files.readString(shared.resolve("sigma-regression-dev/data/rules/windows/process_creation/"
                    + "proc_creation_win_bitsadmin_download/d059842b-6b9d-4ed1-b5c3-5b89143c6ede.jsonl")).strip() + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("shared data (VIGIL_SHARED_DATA)", e);
        }
    }

    private Principal principal(String login, ActorKind kind, Tenant home, RoleBinding binding) {
        return new Principal(login, List.of(binding), accountWithToken(login, kind, home == null ? null : home.id(), binding));
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (mapping.getValue().getBeanType() == BasicErrorController.class) {
                continue; // renders errors the container forwards; not an API endpoint
            }
            Rule rule = AccessInterceptor.ruleOf(mapping.getValue());
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String pattern : mapping.getKey().getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method.name(), pattern, rule));
                }
            }
        }
        return endpoints;
    }

    private Answer call(Endpoint endpoint, String path, String token) {
        Object body = Set.of("POST", "PATCH", "PUT").contains(endpoint.method()) ? Map.of() : null;
        return api(endpoint.method(), path, body, token);
    }

    private static boolean invisibleTenant(Answer answer, String reference) {
        return answer.status() == 404 && answer.body().path("message").asText().equals(TenantResolver.notFoundMessage(reference));
    }

    @Test
    void everyHandlerDeclaresExactlyOneAccessRule() {
        for (HandlerMethod handler : mappings.getHandlerMethods().values()) {
            if (handler.getBeanType() != BasicErrorController.class) {
                assertThatCode(() -> AccessInterceptor.ruleOf(handler)).as(handler.getShortLogMessage()).doesNotThrowAnyException();
            }
        }
        assertThat(endpoints()).extracting(Endpoint::pattern).contains("/api/v1/platform/tenants",
                "/api/v1/tenants/{tenant}/events", "/api/v1/auth/login", "/api/v1/platform/audit",
                "/api/v1/tenants/{tenant}/access-requests");
    }

    @Test
    void nothingButLoggingInAnswersWithoutValidCredentials() {
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.rule() instanceof Rule.Open) {
                continue;
            }
            String path = endpoint.path(Map.of("tenant", A));
            assertThat(call(endpoint, path, null).status()).as("%s %s without credentials", endpoint.method(), path)
                    .isEqualTo(401);
            assertThat(call(endpoint, path, "vga_forged-token-that-does-not-exist-0000").status())
                    .as("%s %s with a forged token", endpoint.method(), path).isEqualTo(401);
        }
        assertThat(api("GET", "/anything-else", null, null).status()).isEqualTo(401);
        assertThat(api("GET", "/actuator/env", null, null).status()).isEqualTo(401);
    }

    @Test
    void everyRoleGetsExactlyThePermissionsOfTheTable() {
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints()) {
            if (!(endpoint.rule() instanceof Rule.RequiresPermission requires)) {
                continue;
            }
            Permission permission = requires.permission();
            String path = endpoint.path(Map.of("tenant", A));
            for (Principal principal : PRINCIPALS) {
                Access access = principal.access();
                boolean expected = permission.isPlatform() ? access.can(permission) : access.can(permission, tenantA.id());
                Answer answer = call(endpoint, path, principal.token());
                boolean allowed = answer.status() != 401 && answer.status() != 403 && !invisibleTenant(answer, A);
                if (allowed != expected || !allowed && answer.status() != 403) {
                    wrong.computeIfAbsent(principal.name(), k -> new ArrayList<>()).add(endpoint.method() + " " + path
                            + " needs " + permission.code() + ": expected " + (expected ? "allowed" : "403") + ", got "
                            + answer.status() + " " + answer.body().path("message").asText());
                }
            }
        }
        assertThat(wrong).as("principals whose answers differ from the roles table").isEmpty();
    }

    @Test
    void theObjectsOfTenantBExist() {
        assertThat(OBJECTS_OF_B).allSatisfy((variable, value) -> assertThat(value).as(variable).isNotIn(NO_OBJECT, ""));
        List<String> missing = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.method().equals("GET") && endpoint.tenantScoped() && endpoint.addressesObjects()) {
                Map<String, String> onB = new HashMap<>(OBJECTS_OF_B);
                onB.put("tenant", B);
                Answer answer = api("GET", endpoint.path(onB), null);
                if (answer.status() != 200) {
                    missing.add(endpoint.path(onB) + " → " + answer.status());
                }
            }
        }
        assertThat(missing).as("objects a platform admin cannot read on tenant B").isEmpty();
        assertThat(endpoints()).filteredOn(e -> e.tenantScoped() && e.addressesObjects() && e.method().equals("GET"))
                .extracting(Endpoint::pattern).contains("/api/v1/tenants/{tenant}/events/{eventId}",
                        "/api/v1/tenants/{tenant}/failures/{failureId}", "/api/v1/tenants/{tenant}/detections/{detectionId}",
                        "/api/v1/tenants/{tenant}/access-requests/{id}", "/api/v1/tenants/{tenant}/users/{id}");
    }

    @Test
    void aPrincipalOfTenantASeesNothingOfTenantB() {
        List<String> leaks = new ArrayList<>();
        List<Principal> ofA = PRINCIPALS.stream().filter(p -> p.name().endsWith("-a")).toList();
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.tenantScoped() || endpoint.rule() instanceof Rule.Open) {
                continue;
            }
            for (Principal principal : ofA) {
                // tenant B itself
                Map<String, String> onB = new HashMap<>(OBJECTS_OF_B);
                onB.put("tenant", B);
                Answer answer = call(endpoint, endpoint.path(onB), principal.token());
                if (!invisibleTenant(answer, B)) {
                    leaks.add(principal.name() + " " + endpoint.method() + " " + endpoint.path(onB) + " → " + answer.status());
                }
                // tenant B's objects addressed through tenant A
                if (!endpoint.addressesObjects()) {
                    continue;
                }
                Map<String, String> bObjectsViaA = new HashMap<>(OBJECTS_OF_B);
                bObjectsViaA.put("tenant", A);
                Answer via = call(endpoint, endpoint.path(bObjectsViaA), principal.token());
                if (via.status() != 404 && via.status() != 403 && via.status() != 400) {
                    leaks.add(principal.name() + " " + endpoint.method() + " " + endpoint.path(bObjectsViaA) + " → "
                            + via.status() + " (an object of " + B + ")");
                }
            }
        }
        assertThat(leaks).as("answers that reveal tenant B to principals of tenant A").isEmpty();
        // the tenant list shows only what a principal can see
        Principal viewer = PRINCIPALS.stream().filter(p -> p.name().equals("client-viewer-a")).findFirst().orElseThrow();
        assertThat(api("GET", "/api/v1/platform/tenants", null, viewer.token()).body().findValuesAsText("slug"))
                .containsExactly(A);
    }
}
