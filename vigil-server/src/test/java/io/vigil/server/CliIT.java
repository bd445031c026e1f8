package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.cli.VigilCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/** The CLI against a running server, as an operator uses it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CliIT extends ServerTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run vigil(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        boolean remote = !all.isEmpty() && !all.contains("--help") && !all.getFirst().equals("--version");
        if (remote) {
            all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] line = all.toArray(String[]::new);
        CommandLine cli = VigilCli.commandLine(line); // as main() builds it
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(line);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void managesTenantsAndKeysAndReadsEvents() {
        Run created = vigil("tenant", "create", "wayne-ent", "--name", "Wayne Enterprises", "--timezone", "America/New_York");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("wayne-ent").contains("Wayne Enterprises").contains("active");

        assertThat(vigil("tenant", "list").out()).contains("wayne-ent");
        assertThat(vigil("tenant", "update", "wayne-ent", "--name", "Wayne Ent.").out()).contains("Wayne Ent.");
        assertThat(vigil("tenant", "suspend", "wayne-ent").out()).contains("suspended");
        assertThat(vigil("tenant", "activate", "wayne-ent").out()).contains("active");

        Run key = vigil("ingest-key", "create", "--tenant", "wayne-ent", "--label", "fw-hq");
        assertThat(key.out()).contains("vgi_").contains("not shown again");
        String secret = key.out().lines().filter(line -> line.contains("vgi_")).findFirst().orElseThrow()
                .replaceAll(".*(vgi_\\S+).*", "$1");
        assertThat(ingest(secret, "{\"message\":\"hello from the cli test\"}").status()).isEqualTo(202);
        await("event visible", () -> vigil("events", "--tenant", "wayne-ent").out().contains("hello from the cli test")
                || vigil("events", "--tenant", "wayne-ent", "--json").out().contains("hello from the cli test"));
        await("event searchable", () -> vigil("search", "--tenant", "wayne-ent", "--from", "now-1h", "cli")
                .out().contains("hello from the cli test"));
        assertThat(vigil("search", "--tenant", "wayne-ent", "--from", "now-1h", "message:nothing").out())
                .doesNotContain("hello from the cli test").contains("(0 matching)");
        assertThat(vigil("search", "--tenant", "wayne-ent", "--from", "now-1h", "--export", "csv").out())
                .startsWith("time,id,source,").contains("hello from the cli test");
        assertThat(vigil("search", "--tenant", "wayne-ent", "--from", "yesterday").err()).contains("no time");

        Run listed = vigil("ingest-key", "list", "--tenant", "wayne-ent");
        assertThat(listed.out()).contains("fw-hq").doesNotContain("vgi_");
        String keyId = listed.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(vigil("ingest-key", "revoke", "--tenant", "wayne-ent", keyId).exit()).isZero();
        assertThat(ingest(secret, "{\"message\":\"after revocation\"}").status()).isEqualTo(401);

        Run refused = vigil("tenant", "purge-events", "wayne-ent", "--confirm", "wayne-ent");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("offboard");
        assertThat(vigil("tenant", "offboard", "wayne-ent").out()).contains("offboarded");
        Run purged = vigil("tenant", "purge-events", "wayne-ent", "--confirm", "wayne-ent");
        assertThat(purged.exit()).as(purged.err()).isZero();
        assertThat(purged.out()).startsWith("events").containsPattern("(?m)^1\\s+[1-9]\\d*\\s+1\\s");
        assertThat(vigil("search", "--tenant", "wayne-ent", "--from", "now-1h").out()).contains("(0 matching)");
    }

    @Test
    void managesRuleSetsExceptionsAndPlaceholders(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        assertThat(vigil("tenant", "create", "cli-rules", "--name", "CLI rules").exit()).isZero();
        java.nio.file.Path collection = dir.resolve("burst.yml");
        java.nio.file.Files.writeString(collection, """
                title: Burst of admin logons
                id: cli-burst
                correlation:
                    type: event_count
                    rules:
                        - admin_logon
                    group-by:
                        - User
                    timespan: 5m
                    condition:
                        gte: 5
                ---
                title: Admin logon
                id: 5e1c0000-0000-4000-8000-00000000c11a
                name: admin_logon
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID: 4624
                        TargetUserName|expand: '%Admins%'
                    condition: selection
                """);
        Run added = vigil("rules", "add", "--tenant", "cli-rules", collection.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("cli-burst", "correlation", "5e1c0000-0000-4000-8000-00000000c11a", "rule");

        Run listed = vigil("rules", "list", "--tenant", "cli-rules");
        assertThat(listed.out()).containsPattern("shipped rules: [1-9][0-9]*").contains("own rules: 2")
                .contains("inactive:");
        assertThat(vigil("rules", "list", "--tenant", "cli-rules", "--json").out())
                .contains("unresolved placeholder %Admins%");
        assertThat(vigil("placeholders", "set", "--tenant", "cli-rules", "Admins", "alice", "bob*").out())
                .contains("Admins", "alice", "bob*");
        assertThat(vigil("placeholders", "list", "--tenant", "cli-rules").out()).contains("Admins", "tenant");
        assertThat(vigil("rules", "list", "--tenant", "cli-rules", "--json").out())
                .doesNotContain("unresolved placeholder %Admins%");
        assertThat(vigil("placeholders", "set", "--tenant", "cli-rules", "bad name", "x").err()).contains("HTTP 400");

        assertThat(vigil("rules", "disable", "cli-burst", "--tenant", "cli-rules").out()).contains("false");
        assertThat(vigil("rules", "list", "--tenant", "cli-rules").out()).contains("switched off: [\"cli-burst\"]");
        assertThat(vigil("rules", "enable", "cli-burst", "--tenant", "cli-rules").out()).contains("true");

        java.nio.file.Path filter = dir.resolve("filter.yml");
        java.nio.file.Files.writeString(filter, """
                title: Service account
                logsource:
                    product: windows
                    service: security
                filter:
                    rules:
                        - 5e1c0000-0000-4000-8000-00000000c11a
                    selection:
                        TargetUserName: svc-backup
                    condition: selection
                """);
        Run exception = vigil("exceptions", "add", "--tenant", "cli-rules", "--reason", "backup job",
                "--expires", "2999-01-01T00:00:00Z", filter.toString());
        assertThat(exception.exit()).as(exception.err()).isZero();
        String exceptionId = exception.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(vigil("exceptions", "list", "--tenant", "cli-rules").out()).contains("backup job");
        assertThat(vigil("exceptions", "remove", "--tenant", "cli-rules", exceptionId).exit()).isZero();
        assertThat(vigil("exceptions", "list", "--tenant", "cli-rules").out()).doesNotContain("backup job");

        assertThat(vigil("placeholders", "remove", "--tenant", "cli-rules", "Admins").exit()).isZero();
        assertThat(vigil("rules", "remove", "--tenant", "cli-rules", "cli-burst").exit()).isZero();
        assertThat(vigil("rules", "list", "--tenant", "cli-rules").out()).contains("own rules: 1");
        Run missing = vigil("rules", "add", "--tenant", "cli-rules", dir.resolve("none.yml").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(vigil("rules", "validate", collection.toString()).exit()).as("validate stays offline").isNotZero();
    }

    @Test
    void reportsApiErrorsReadably() {
        Run missing = vigil("tenant", "show", "no-such-tenant");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("HTTP 404").contains("no tenant 'no-such-tenant'");

        Run invalid = vigil("tenant", "create", "Bad Slug", "--name", "x");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("HTTP 400").contains("slug:");

        StringWriter err = new StringWriter();
        CommandLine cli = VigilCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("tenant", "list", "--url", "http://127.0.0.1:" + port, "--token", "vga_wrong-token-000000000000000000000"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 401");
    }

    @Test
    void issuesAndRevokesCollectorCertificatesAndDeclaresNetworks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThat(vigil("tenant", "create", "stark-ind", "--name", "Stark", "--timezone", "UTC").exit()).isZero();
        Run issued = vigil("certs", "issue", "--tenant", "stark-ind", "--collector", "fw-1", "--days", "30", "--out", dir.toString());
        assertThat(issued.exit()).as(issued.err()).isZero();
        assertThat(java.nio.file.Files.readString(dir.resolve("fw-1.key"))).contains("PRIVATE KEY");
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("fw-1.key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        var certificate = io.vigil.ingest.tls.CertificateAuthority.readCertificate(java.nio.file.Files.readString(dir.resolve("fw-1.crt")));
        certificate.verify(io.vigil.ingest.tls.CertificateAuthority.readCertificate(
                java.nio.file.Files.readString(dir.resolve("ca.crt"))).getPublicKey());
        String serial = certificate.getSerialNumber().toString(16);
        assertThat(vigil("certs", "list", "--tenant", "stark-ind").out()).contains(serial).contains("fw-1").contains("valid");
        assertThat(vigil("certs", "revoke", "--tenant", "stark-ind", serial).out()).contains("revoked");

        Run declared = vigil("networks", "declare", "--tenant", "stark-ind", "--cidr", "198.51.100.7/24", "--label", "lab");
        assertThat(declared.exit()).as(declared.err()).isZero();
        assertThat(vigil("networks", "list", "--tenant", "stark-ind").out()).contains("198.51.100.0/24").contains("lab");
        Run bad = vigil("networks", "declare", "--tenant", "stark-ind", "--cidr", "not-a-network");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("cidr");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(vigil("--help").out()).contains("serve").contains("tenant").contains("ingest-key").contains("events")
                .contains("failures");
        for (String[] command : List.of(new String[] {"serve", "--help"}, new String[] {"tenant", "--help"},
                new String[] {"tenant", "create", "--help"}, new String[] {"ingest-key", "create", "--help"},
                new String[] {"events", "--help"}, new String[] {"failures", "--help"})) {
            Run help = vigil(command);
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("Usage: vigil " + command[0]);
        }
    }
}
