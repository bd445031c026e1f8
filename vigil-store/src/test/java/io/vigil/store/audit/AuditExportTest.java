package io.vigil.store.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.store.audit.AuditVerification.Broken;
import io.vigil.store.audit.AuditVerification.Intact;
import io.vigil.store.audit.AuditVerification.Problem;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export as auditors get it, verified by the verifier and by the shipped shell script with standard tools. */
class AuditExportTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    @TempDir
    Path keyDir;
    @TempDir
    Path out;
    private TestDatabase fixture;
    private Database database;
    private JdbcAuditLog log;

    @BeforeEach
    void open() throws IOException {
        fixture = TestDatabase.h2();
        database = TestStores.open(fixture);
        log = new JdbcAuditLog(database.dataSource(), AuditSigningKey.loadOrCreate(keyDir), 4, clock);
        for (int i = 1; i <= 10; i++) {
            log.record(new AuditRecord(clock.instant().plusSeconds(i), UUID.randomUUID(), "alice 'o\"brien\\", "mssp-staff",
                    i % 2 == 0 ? TenantId.random() : null, "http.request", "DELETE /api/v1/x/" + i + " ünïcødé",
                    AuditOutcome.SUCCESS, "198.51.100.1", "curl/8\t$(rm -rf /)", Map.of("status", "204", "q", "a\nb")));
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        AuditExport.writeZip(log, zip);
        AuditExport.unzip(new ByteArrayInputStream(zip.toByteArray()), out);
    }

    @AfterEach
    void close() {
        database.close();
        fixture.close();
    }

    @Test
    void exportHoldsCanonicalLinesCheckpointsKeyAndInstructions() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(AuditExport.ENTRIES));
        List<AuditEntry> entries = new ArrayList<>();
        log.forEach(entries::add);
        assertThat(lines).containsExactlyElementsOf(entries.stream().map(AuditEntry::canonical).toList());
        assertThat(Files.readAllLines(out.resolve(AuditExport.CHECKPOINTS))).hasSize(2);
        assertThat(Files.readString(out.resolve(AuditSigningKey.PUBLIC_FILE))).isEqualTo(log.key().publicPem());
        assertThat(Files.readString(out.resolve(AuditExport.README))).contains(log.key().keyId()).contains("openssl pkeyutl");
        assertThat(AuditExport.verify(out)).isEqualTo(new Intact(10, 2, 8));
    }

    @Test
    void tamperedExportNamesTheFirstBadEntry() throws IOException {
        Path entries = out.resolve(AuditExport.ENTRIES);
        List<String> lines = new ArrayList<>(Files.readAllLines(entries));
        lines.set(2, lines.get(2).replace("\"outcome\":\"SUCCESS\"", "\"outcome\":\"DENIED\""));
        Files.write(entries, lines);
        assertThat(AuditExport.verify(out)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo(Problem.MODIFIED);
        });
        lines.set(2, "{not json");
        Files.write(entries, lines);
        assertThat(AuditExport.verify(out)).isInstanceOfSatisfying(Broken.class, b -> assertThat(b.seq()).isEqualTo(3));
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Files.delete(out.resolve(AuditSigningKey.PUBLIC_FILE));
        assertThatThrownBy(() -> AuditExport.verify(out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audit-public.pem is missing");
    }

    @Test
    void zipWithForeignFilesIsRefused() {
        assertThatThrownBy(() -> AuditExport.unzip(new ByteArrayInputStream(zipOf("../../etc/passwd")), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected file");
    }

    @Test
    void shippedScriptVerifiesWithStandardTools() throws Exception {
        assumeTrue(tools("sh", "jq", "sha256sum", "base64", "openssl", "awk"), "sh, jq, sha256sum, base64, openssl, awk");
        assertThat(script()).startsWith("0\n").contains("intact: 10 entries; checkpoints verified up to entry 8");

        Path entries = out.resolve(AuditExport.ENTRIES);
        List<String> full = Files.readAllLines(entries);
        List<String> lines = new ArrayList<>(full);
        lines.set(5, full.get(5).replace("alice", "alicf"));
        Files.write(entries, lines);
        assertThat(script()).startsWith("1\n").contains("entry 6: modified");

        lines = new ArrayList<>(full);
        lines.remove(6);
        Files.write(entries, lines);
        assertThat(script()).startsWith("1\n").contains("entry 7: missing or out of order");

        Files.write(entries, full.subList(0, 6));
        assertThat(script()).startsWith("1\n").contains("entry 7: truncated");

        Files.write(entries, full);
        Path checkpoints = out.resolve(AuditExport.CHECKPOINTS);
        List<String> signed = new ArrayList<>(Files.readAllLines(checkpoints));
        String head = signed.getFirst().replaceAll(".*\"head\":\"([0-9a-f]{64})\".*", "$1");
        String forged = (head.charAt(0) == 'f' ? "e" : "f") + head.substring(1);
        signed.set(0, signed.getFirst().replace(head, forged));
        Files.write(checkpoints, signed);
        assertThat(script()).startsWith("1\n").contains("checkpoint at entry 4: bad signature");
    }

    private String script() throws Exception {
        Process process = new ProcessBuilder("sh", out.resolve(AuditExport.SCRIPT).toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + "\n" + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static boolean tools(String... names) {
        for (String name : names) {
            try {
                Process p = new ProcessBuilder("sh", "-c", "command -v " + name).start();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return false;
                }
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    private static byte[] zipOf(String name) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write(1);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
