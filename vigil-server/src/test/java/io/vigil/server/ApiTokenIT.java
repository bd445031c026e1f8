package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.audit.AuditOutcome;
import io.vigil.testkit.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import io.vigil.server.cli.VigilCli;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * API tokens over real HTTP: people mint personal tokens from a signed-in session, narrowed to what they hold;
 * user administrators mint service-account tokens; expiry, revocation and the owner's account end them at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokenIT extends AuthTestSupport {

    static final FakeClock CLOCK = FakeClock.at("2025-06-01T08:00:00Z");

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.auth.login-attempts-per-minute", () -> "10000");
        registry.add("vigil.api-tokens.default-lifetime", () -> "7d");
        registry.add("vigil.api-tokens.max-lifetime", () -> "30d");
    }

    /** A client admin of {@code tenant} who has replaced the one-time password: a signed-in, unrestricted session. */
    private Browser clientAdmin(String tenant, String login) {
        Browser browser = clientUser(tenant, login, "client-admin");
        assertThat(call("GET", "/api/v1/auth/me", null, browser, null).body().path("restriction").asText()).isEqualTo("none");
        return browser;
    }

    private String userId(Browser browser) {
        return call("GET", "/api/v1/auth/me", null, browser, null).body().path("id").asText();
    }

    @Test
    void aPersonMintsANarrowedTokenThatCarriesNoMoreThanItSays() {
        tenantWithKey("tok-a");
        tenantWithKey("tok-b");
        Browser pat = clientAdmin("tok-a", "pat");

        Answer issued = send("POST", "/api/v1/auth/tokens", Map.of("label", "laptop cli", "tenants", List.of("tok-a"),
                "permissions", List.of("tenant.read", "events.read")), pat);
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(201);
        String secret = issued.body().path("secret").asText();
        assertThat(secret).startsWith("vga_");
        assertThat(issued.body().path("token").path("permissions").toString()).contains("tenant.read", "events.read");
        assertThat(issued.body().path("token").path("expiresAt").asText()).as("the default lifetime applies")
                .isEqualTo(CLOCK.instant().plus(Duration.ofDays(7)).toString());

        assertThat(api("GET", "/api/v1/tenants/tok-a/events", null, secret).status()).isEqualTo(200);
        Answer narrowed = api("GET", "/api/v1/tenants/tok-a/ingest-keys", null, secret);
        assertThat(narrowed.status()).as("pat may list ingest keys, the token may not").isEqualTo(403);
        assertThat(api("GET", "/api/v1/tenants/tok-a/ingest-keys", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/tenants/tok-a/ingest-keys", null, pat, null).status()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/tenants/tok-a/ingest-keys", Map.of("label", "x"), secret).status()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/tenants/tok-b/events", null, secret).status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/platform/audit?action=http.request&actor=pat", null).body().path("items"))
                .anySatisfy(e -> {
                    assertThat(e.path("outcome").asText()).isEqualTo(AuditOutcome.DENIED.name());
                    assertThat(e.path("target").asText()).startsWith("POST /api/v1/tenants/{tenant}/ingest-keys");
                    assertThat(e.path("details").path("credential").asText()).isEqualTo("api_token:"
                            + issued.body().path("token").path("id").asText());
                });

        Answer fromToken = api("POST", "/api/v1/auth/tokens", Map.of("label", "copy"), secret);
        assertThat(fromToken.status()).as("a token cannot mint tokens").isEqualTo(403);

        Answer beyond = send("POST", "/api/v1/auth/tokens", Map.of("label", "more", "tenants", List.of("tok-b"),
                "permissions", List.of("users.manage", "events.read"),
                "expiresAt", CLOCK.instant().plus(Duration.ofDays(31)).toString()), pat);
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.body().path("problems").findValuesAsText("location"))
                .containsExactly("tenants", "permissions", "expiresAt");
        assertThat(beyond.body().toString()).contains("you do not hold 'users.manage'", "within 30 days");
        assertThat(send("POST", "/api/v1/auth/tokens", Map.of("label", "old",
                "expiresAt", CLOCK.instant().minusSeconds(1).toString()), pat).status()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/auth/tokens", Map.of("label", " "), pat).status()).isEqualTo(400);

        Answer mine = call("GET", "/api/v1/auth/tokens", null, pat, null);
        assertThat(mine.body().findValuesAsText("label")).containsExactly("laptop cli");
        assertThat(mine.body().toString()).doesNotContain(secret.substring(4));
    }

    @Test
    void revocationAndExpiryEndATokenAtOnce() {
        tenantWithKey("tok-c");
        Browser quinn = clientAdmin("tok-c", "quinn");
        Browser rae = clientAdmin("tok-c", "rae");

        Answer first = send("POST", "/api/v1/auth/tokens", Map.of("label", "revoked soon"), quinn);
        String secret = first.body().path("secret").asText();
        String id = first.body().path("token").path("id").asText();
        assertThat(api("GET", "/api/v1/tenants/tok-c/ingest-keys", null, secret).status())
                .as("without narrowing, the owner's access").isEqualTo(200);

        assertThat(send("DELETE", "/api/v1/auth/tokens/" + id, null, rae).status())
                .as("someone else's token does not exist for rae").isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/auth/tokens/" + id, null, quinn, null).status()).as("CSRF").isEqualTo(403);
        Answer revoked = send("DELETE", "/api/v1/auth/tokens/" + id, null, quinn);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().hasNonNull("revokedAt")).isTrue();
        assertThat(api("GET", "/api/v1/tenants/tok-c/ingest-keys", null, secret).status()).isEqualTo(401);

        Answer shortLived = send("POST", "/api/v1/auth/tokens", Map.of("label", "an hour",
                "expiresAt", CLOCK.instant().plus(Duration.ofHours(1)).toString()), quinn);
        String hour = shortLived.body().path("secret").asText();
        CLOCK.advance(Duration.ofMinutes(59));
        assertThat(api("GET", "/api/v1/platform/tenants/tok-c", null, hour).status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(api("GET", "/api/v1/platform/tenants/tok-c", null, hour).status()).as("expired").isEqualTo(401);
    }

    @Test
    void userAdministratorsMintServiceTokensThatDieWithTheAccount() {
        tenantWithKey("tok-d");
        tenantWithKey("tok-e");
        Account uma = staff("uma");
        assertThat(api("POST", "/api/v1/platform/users/" + uma.id() + "/bindings", Map.of("role", "soc-manager")).status())
                .isEqualTo(201);
        Browser umaSession = changeOneTimePassword(uma, "a steady hand on accounts");
        assertThat(enrolTotp(umaSession, CLOCK.instant()).get("restriction")).isEqualTo("none");

        String ci = api("POST", "/api/v1/platform/users", Map.of("login", "svc-ci", "displayName", "CI", "kind", "service"))
                .body().path("user").path("id").asText();
        assertThat(send("POST", "/api/v1/platform/users/" + ci + "/bindings",
                Map.of("role", "analyst-t2", "tenant", "tok-d"), umaSession).status()).isEqualTo(201);
        String base = "/api/v1/platform/users/" + ci + "/tokens";

        Answer beyond = send("POST", base, Map.of("label", "ci", "permissions", List.of("tenants.manage")), umaSession);
        assertThat(beyond.status()).as("a SOC manager does not hold tenants.manage").isEqualTo(400);
        assertThat(send("POST", "/api/v1/platform/users/" + uma.id() + "/tokens", Map.of("label", "x"), umaSession).status())
                .as("people issue their own").isEqualTo(400);
        Answer issued = send("POST", base, Map.of("label", "ci pipeline", "permissions", List.of("events.read", "tenant.read")),
                umaSession);
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(201);
        String secret = issued.body().path("secret").asText();
        assertThat(issued.body().path("token").path("owner").asText()).isEqualTo(ci);

        assertThat(api("GET", "/api/v1/tenants/tok-d/events", null, secret).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/tenants/tok-e/events", null, secret).status())
                .as("the service account holds nothing on tok-e, whatever its issuer holds").isEqualTo(404);
        assertThat(api("POST", "/api/v1/tenants/tok-d/rules", Map.of("yaml", "x"), secret).status()).isEqualTo(403);
        assertThat(call("GET", base, null, umaSession, null).body().findValuesAsText("label")).containsExactly("ci pipeline");

        Browser viv = clientAdmin("tok-d", "viv");
        assertThat(send("POST", base, Map.of("label", "mine now"), viv).status()).isEqualTo(403);

        assertThat(send("POST", "/api/v1/platform/users/" + ci + "/disable", null, umaSession).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/tenants/tok-d/events", null, secret).status()).as("disabled owner").isEqualTo(401);

        String other = api("POST", "/api/v1/platform/users", Map.of("login", "svc-gone", "displayName", "Gone", "kind", "service"))
                .body().path("user").path("id").asText();
        api("POST", "/api/v1/platform/users/" + other + "/bindings", Map.of("role", "analyst-t1"));
        String gone = send("POST", "/api/v1/platform/users/" + other + "/tokens", Map.of("label", "gone"), umaSession)
                .body().path("secret").asText();
        assertThat(api("GET", "/api/v1/tenants/tok-d/events", null, gone).status()).isEqualTo(200);
        // No API deletes accounts; whoever deletes one in the database takes its tokens with it.
        new JdbcTemplate(dataSource).update("DELETE FROM user_account WHERE id = ?", UUID.fromString(other));
        assertThat(api("GET", "/api/v1/tenants/tok-d/events", null, gone).status()).as("deleted owner").isEqualTo(401);
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM api_token WHERE owner_id = ?",
                Integer.class, UUID.fromString(other))).isZero();
    }

    @Test
    void aPersonsTokensDieWhenTheAccountIsDisabled() {
        tenantWithKey("tok-f");
        Browser wes = clientAdmin("tok-f", "wes");
        String secret = send("POST", "/api/v1/auth/tokens", Map.of("label", "wes"), wes).body().path("secret").asText();
        assertThat(api("GET", "/api/v1/platform/tenants/tok-f", null, secret).status()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/tenants/tok-f/users/" + userId(wes) + "/disable", null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/platform/tenants/tok-f", null, secret).status()).isEqualTo(401);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run vigil(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VigilCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        InputStream previous = System.in;
        System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
        try {
            return new Run(cli.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(previous);
        }
    }

    @Test
    void vigilLoginKeepsAPersonalTokenThatLaterCommandsUse(@TempDir Path config) throws Exception {
        tenantWithKey("tok-g");
        Account xena = staff("xena");
        api("POST", "/api/v1/platform/users/" + xena.id() + "/bindings", Map.of("role", "analyst-t1"));
        Browser browser = changeOneTimePassword(xena, "a phrase for the command line");
        String secret = (String) enrolTotp(browser, CLOCK.instant()).get("secret");
        String url = "http://127.0.0.1:" + port;
        System.setProperty("vigil.cli.config-dir", config.toString());
        try {
            Run wrong = vigil("not the password\n\n", "login", "--url", url, "--login", "xena", "--password-stdin");
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err()).contains("HTTP 401");
            assertThat(config.resolve("login")).doesNotExist();

            CLOCK.advance(Duration.ofSeconds(30));
            Run login = vigil("a phrase for the command line\n" + code(secret, CLOCK.instant()) + "\n",
                    "login", "--url", url, "--login", "xena", "--password-stdin");
            assertThat(login.exit()).as(login.err()).isZero();
            assertThat(login.out()).contains("Signed in as xena");
            Path stored = config.resolve("login");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");
            assertThat(Files.readString(stored)).contains("url=" + url, "token=vga_");

            Run list = vigil(null, "tenant", "list", "--url", url);
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("tok-g");
            Run elsewhere = vigil(null, "tenant", "list", "--url", "http://127.0.0.1:9");
            assertThat(elsewhere.exit()).isEqualTo(1);
            assertThat(elsewhere.err()).as("never sent to another server").contains("no API token");

            Answer tokens = api("GET", "/api/v1/platform/users/" + xena.id() + "/tokens", null);
            assertThat(tokens.body()).singleElement().satisfies(t -> {
                assertThat(t.path("label").asText()).isEqualTo("vigil CLI");
                assertThat(t.path("expiresAt").asText()).isNotBlank();
                assertThat(t.hasNonNull("revokedAt")).isFalse();
            });
            String token = Files.readString(stored).lines().filter(l -> l.startsWith("token=")).findFirst().orElseThrow()
                    .substring("token=".length());

            Run logout = vigil(null, "logout");
            assertThat(logout.exit()).as(logout.err()).isZero();
            assertThat(logout.out()).contains("token revoked");
            assertThat(stored).doesNotExist();
            assertThat(api("GET", "/api/v1/platform/tenants/tok-g", null, token).status()).as("revoked").isEqualTo(401);
            assertThat(vigil(null, "tenant", "list", "--url", url).err()).contains("no API token");
            assertThat(vigil(null, "logout").out()).contains("Not logged in");
        } finally {
            System.clearProperty("vigil.cli.config-dir");
        }
    }
}
