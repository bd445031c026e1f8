package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.cli.VigilCli;
import io.vigil.store.audit.AuditExport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/** The audit log of a running server: what requests record, the REST API, the export and the CLI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditIT extends ServerTestSupport {

    @TempDir
    Path exports;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.audit.checkpoint-every", () -> "3");
    }

    private List<JsonNode> entries(String query) {
        Answer answer = api("GET", "/api/v1/platform/audit?limit=1000&" + query, null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return StreamSupport.stream(answer.body().get("items").spliterator(), false).toList();
    }

    private JsonNode newest(String query) {
        return entries(query).getFirst();
    }

    @Test
    void recordsStateChangingRequestsWithActorTargetTenantAndOutcome() {
        tenantWithKey("audit-acme");
        String acmeId = api("GET", "/api/v1/platform/tenants/audit-acme", null).body().get("id").asText();

        JsonNode created = entries("action=http.request").stream()
                .filter(e -> e.get("target").asText().startsWith("POST /api/v1/platform/tenants")).findFirst().orElseThrow();
        assertThat(created.get("actorName").asText()).isEqualTo("bootstrap");
        assertThat(created.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(created.get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(created.get("details").get("status").asText()).isEqualTo("201");

        JsonNode key = newest("action=http.request");
        assertThat(key.get("target").asText())
                .isEqualTo("POST /api/v1/tenants/{tenant}/ingest-keys /api/v1/tenants/audit-acme/ingest-keys");
        assertThat(key.get("tenant").asText()).isEqualTo(acmeId);

        Answer invalid = api("POST", "/api/v1/platform/tenants", Map.of("slug", "Bad Slug"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(newest("action=http.request").get("outcome").asText()).isEqualTo("FAILED");

        Answer anonymous = api("POST", "/api/v1/tenants/audit-acme/ingest-keys", Map.of("label", "x"), null);
        assertThat(anonymous.status()).isEqualTo(401);
        JsonNode denied = newest("actor=anonymous");
        assertThat(denied.get("outcome").asText()).isEqualTo("DENIED");
        assertThat(denied.get("tenant").asText()).as("tenant resolved from the path").isEqualTo(acmeId);
        assertThat(denied.get("target").asText()).isEqualTo("POST /api/v1/tenants/audit-acme/ingest-keys");
        assertThat(denied.get("details").get("status").asText()).isEqualTo("401");

        assertThat(entries("action=http.request").stream().filter(e -> e.get("outcome").asText().equals("SUCCESS"))
                .map(e -> e.get("target").asText())).as("answered reads are not state changes").noneMatch(t -> t.startsWith("GET "));
    }

    @Test
    void refusedAttemptsOnAnotherTenantAreRecordedWithTheRealActor() {
        tenantWithKey("audit-own");
        tenantWithKey("audit-other");
        TenantId own = TenantId.of(api("GET", "/api/v1/platform/tenants/audit-own", null).body().get("id").asText());
        String otherId = api("GET", "/api/v1/platform/tenants/audit-other", null).body().get("id").asText();
        String client = accountWithToken("audit-client", ActorKind.CLIENT_USER, own, RoleBinding.on(Role.CLIENT_ADMIN, own));
        String staff = accountWithToken("audit-staff", ActorKind.MSSP_STAFF, null, RoleBinding.on(Role.ANALYST_T2, own));

        for (String[] attempt : new String[][] {{client, "audit-client"}, {staff, "audit-staff"}}) {
            Answer read = api("GET", "/api/v1/tenants/audit-other/events", null, attempt[0]);
            assertThat(read.status()).isEqualTo(404);
            JsonNode entry = newest("actor=" + attempt[1]);
            assertThat(entry.get("action").asText()).isEqualTo("tenant-data.read");
            assertThat(entry.get("outcome").asText()).isEqualTo("DENIED");
            assertThat(entry.get("tenant").asText()).isEqualTo(otherId);
            assertThat(entry.get("target").asText()).endsWith("/api/v1/tenants/audit-other/events");
            assertThat(entry.get("details").get("denied").asText()).isEqualTo("tenant not visible to the caller");

            Answer change = api("POST", "/api/v1/tenants/audit-other/ingest-keys", Map.of("label", "x"), attempt[0]);
            assertThat(change.status()).isEqualTo(404);
            assertThat(newest("actor=" + attempt[1]).get("action").asText()).isEqualTo("http.request");
            assertThat(newest("actor=" + attempt[1]).get("outcome").asText()).isEqualTo("DENIED");
        }
        // an object of another tenant, addressed through the caller's own tenant
        String otherKey = api("GET", "/api/v1/tenants/audit-other/ingest-keys", null).body().path(0).path("id").asText();
        assertThat(api("DELETE", "/api/v1/tenants/audit-own/ingest-keys/" + otherKey, null, client).status()).isEqualTo(404);
        assertThat(newest("actor=audit-client").get("target").asText()).endsWith("/ingest-keys/" + otherKey);
        Answer objectRead = api("GET", "/api/v1/tenants/audit-own/detections/" + UUID.randomUUID(), null, client);
        assertThat(objectRead.status()).isEqualTo(404);
        assertThat(newest("actor=audit-client").get("action").asText()).isEqualTo("tenant-data.read");
        assertThat(newest("actor=audit-client").get("outcome").asText()).isEqualTo("FAILED");

        // refused by Spring Security's own rules, before any handler: still the caller, not anonymous
        assertThat(api("GET", "/actuator/env", null, client).status()).isEqualTo(403);
        JsonNode chain = newest("actor=audit-client");
        assertThat(chain.get("target").asText()).isEqualTo("GET /actuator/env");
        assertThat(chain.get("outcome").asText()).isEqualTo("DENIED");
        assertThat(chain.get("actorKind").asText()).isEqualTo("client-user");
        assertThat(api("POST", "/not-an-api", Map.of(), staff).status()).isEqualTo(403);
        assertThat(newest("actor=audit-staff").get("target").asText()).isEqualTo("POST /not-an-api");
        assertThat(entries("actor=anonymous")).noneMatch(e -> e.get("target").asText().contains("/actuator/env")
                || e.get("target").asText().contains("/not-an-api"));
    }

    @Test
    void tenantAuditShowsOnlyThatTenantsEntries() {
        tenantWithKey("audit-one");
        tenantWithKey("audit-two");
        String oneId = api("GET", "/api/v1/platform/tenants/audit-one", null).body().get("id").asText();

        Answer one = api("GET", "/api/v1/tenants/audit-one/audit?limit=1000", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("items")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("tenant").asText()).isEqualTo(oneId));
        assertThat(api("GET", "/api/v1/tenants/no-such-tenant/audit", null).status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/platform/audit?limit=0", null).status()).isEqualTo(400);
        Answer badTime = api("GET", "/api/v1/platform/audit?from=yesterday", null);
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.body().toString()).contains("from");
    }

    @Test
    void cliListsExportsAndVerifies() throws Exception {
        tenantWithKey("audit-cli");
        api("PATCH", "/api/v1/platform/tenants/audit-cli", Map.of("displayName", "Audit CLI"));

        Run list = vigil("audit", "list", "--action", "http.request", "--limit", "5");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("seq").contains("http.request").contains("PATCH /api/v1/platform/tenants/");

        Path dir = exports.resolve("export");
        Run export = vigil("audit", "export", "--out", dir.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(dir.resolve(AuditExport.ENTRIES)).isNotEmptyFile();
        assertThat(Files.readAllLines(dir.resolve(AuditExport.CHECKPOINTS))).isNotEmpty();

        Run verified = vigil("audit", "verify", dir.toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).startsWith("intact:");

        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(AuditExport.ENTRIES)));
        lines.set(1, lines.get(1).replace("\"outcome\":\"SUCCESS\"", "\"outcome\":\"FAILED\""));
        Files.write(dir.resolve(AuditExport.ENTRIES), lines);
        Run broken = vigil("audit", "verify", dir.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).startsWith("BROKEN at entry 2 (modified)");

        Run notAnExport = vigil("audit", "verify", exports.resolve("nothing").toString());
        assertThat(notAnExport.exit()).isEqualTo(2);
        assertThat(notAnExport.err()).contains("is missing");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run vigil(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("verify")) {
            all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VigilCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
