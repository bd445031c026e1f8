package io.vigil.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.audit.AuditVerification.Broken;
import io.vigil.store.audit.AuditVerification.Intact;
import io.vigil.store.audit.AuditVerification.Problem;
import io.vigil.store.audit.AuditVerifier.Line;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier over lines as an export holds them (no stored hashes), and over lines with stored hashes. */
class AuditVerifierTest {

    @TempDir
    Path keys;

    private AuditSigningKey key;
    private final List<AuditEntry> entries = new ArrayList<>();
    private final List<AuditCheckpoint> checkpoints = new ArrayList<>();

    @BeforeEach
    void chain() {
        key = AuditSigningKey.loadOrCreate(keys);
        String previous = AuditEntry.GENESIS;
        for (int seq = 1; seq <= 10; seq++) {
            AuditRecord record = new AuditRecord(Instant.parse("2025-03-01T10:00:00Z").plusSeconds(seq), UUID.randomUUID(),
                    "alice", "mssp-staff", seq % 2 == 0 ? TenantId.random() : null, "http.request", "POST /x/" + seq,
                    AuditOutcome.SUCCESS, "10.0.0." + seq, "curl/8", Map.of("status", "201"));
            AuditEntry unsigned = new AuditEntry(seq, record, previous, null);
            AuditEntry entry = new AuditEntry(seq, record, previous, unsigned.computedHash());
            entries.add(entry);
            previous = entry.hash();
            if (seq % 4 == 0) {
                checkpoints.add(key.checkpoint(seq, entry.hash(), Instant.parse("2025-03-01T11:00:00Z").plusSeconds(seq)));
            }
        }
    }

    private List<Line> exported() {
        return new ArrayList<>(entries.stream().map(e -> new Line(e.seq(), e.prevHash(), e.canonical(), null)).toList());
    }

    private AuditVerification verify(List<Line> lines) {
        return AuditVerifier.verify(lines, checkpoints, key.publicKey());
    }

    @Test
    void intactLogVerifiesAndSaysWhatNoCheckpointCovers() {
        AuditVerification result = verify(exported());
        assertThat(result).isEqualTo(new Intact(10, 2, 8));
        assertThat(result.describe()).contains("entries 9-10 are not yet covered");
        assertThat(AuditVerifier.verify(entries.stream().map(Line::of).toList(), checkpoints, key.publicKey()))
                .isInstanceOf(Intact.class);
    }

    @Test
    void flippedByteNamesTheModifiedEntry() {
        List<Line> lines = exported();
        Line five = lines.get(4);
        byte[] bytes = five.canonical().getBytes(StandardCharsets.UTF_8);
        int at = five.canonical().indexOf("alice") + 2;
        bytes[at] ^= 0x01;
        lines.set(4, new Line(5, five.prevHash(), new String(bytes, StandardCharsets.UTF_8), null));

        assertThat(verify(lines)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(5);
            assertThat(b.problem()).isEqualTo(Problem.MODIFIED);
        });
    }

    @Test
    void storedHashNamesTheEntryWhoseColumnsChanged() {
        List<Line> lines = new ArrayList<>(entries.stream().map(Line::of).toList());
        Line three = lines.get(2);
        lines.set(2, new Line(3, three.prevHash(), three.canonical().replace("alice", "mallory"), three.storedHash()));

        assertThat(verify(lines)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo(Problem.MODIFIED);
            assertThat(b.detail()).contains("not to its recorded hash");
        });
    }

    @Test
    void deletedEntryLeavesAGap() {
        List<Line> lines = exported();
        lines.remove(6);
        assertThat(verify(lines)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(7);
            assertThat(b.problem()).isEqualTo(Problem.DELETED);
        });
    }

    @Test
    void swappedEntriesAreReordered() {
        List<Line> lines = exported();
        Line six = lines.get(5);
        lines.set(5, lines.get(6));
        lines.set(6, six);
        assertThat(verify(lines)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(6);
            assertThat(b.problem()).isEqualTo(Problem.REORDERED);
        });
    }

    @Test
    void logEndingBeforeTheNewestCheckpointIsTruncated() {
        List<Line> lines = exported().subList(0, 6);
        assertThat(verify(lines)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(7);
            assertThat(b.problem()).isEqualTo(Problem.TRUNCATED);
            assertThat(b.detail()).contains("covers entry 8");
        });
    }

    @Test
    void truncationAfterTheNewestCheckpointIsNotDetectable() {
        assertThat(verify(exported().subList(0, 8))).isEqualTo(new Intact(8, 2, 8));
    }

    @Test
    void forgedCheckpointHasABadSignature() {
        AuditCheckpoint genuine = checkpoints.get(1);
        checkpoints.set(1, new AuditCheckpoint(genuine.seq(), genuine.at(), "f".repeat(64), genuine.signature(), genuine.keyId()));
        assertThat(verify(exported())).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(8);
            assertThat(b.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        });
    }

    @Test
    void checkpointSignedByAnotherKeyIsRejected(@TempDir Path otherKeys) {
        AuditSigningKey other = AuditSigningKey.loadOrCreate(otherKeys);
        checkpoints.add(other.checkpoint(9, entries.get(8).hash(), Instant.parse("2025-03-01T12:00:00Z")));
        assertThat(verify(exported())).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(9);
            assertThat(b.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        });
        AuditCheckpoint copied = checkpoints.removeLast();
        checkpoints.add(new AuditCheckpoint(9, copied.at(), copied.headHash(), copied.signature(), key.keyId()));
        assertThat(verify(exported())).isInstanceOf(Broken.class);
        assertThat(Base64.getDecoder().decode(copied.signature())).hasSize(64);
    }

    @Test
    void consistentRewriteBeforeACheckpointIsCaughtByItsSignature() {
        // Whoever can write the database but not sign rewrites entry 6 and re-links 7 and 8 consistently.
        List<Line> lines = exported();
        String previous = CanonicalJson.sha256(lines.get(4).canonical());
        for (int i = 5; i < 10; i++) {
            AuditEntry original = entries.get(i);
            AuditRecord record = i == 5 ? new AuditRecord(original.record().at(), null, "nobody", null, null,
                    "http.request", "GET /", AuditOutcome.SUCCESS, null, null, Map.of()) : original.record();
            AuditEntry rewritten = new AuditEntry(original.seq(), record, previous, null);
            lines.set(i, new Line(rewritten.seq(), previous, rewritten.canonical(), null));
            previous = rewritten.computedHash();
        }
        assertThat(verify(lines)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(5);
            assertThat(b.problem()).isEqualTo(Problem.REWRITTEN);
            assertThat(b.detail()).contains("entries 5-8 were rewritten");
        });
    }
}
