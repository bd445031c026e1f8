package io.vigil.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.Jdbc;
import io.vigil.store.TestStores;
import io.vigil.store.audit.AuditVerification.Broken;
import io.vigil.store.audit.AuditVerification.Intact;
import io.vigil.store.audit.AuditVerification.Problem;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class JdbcAuditLogTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    @TempDir
    Path keyDir;
    private Database database;
    private JdbcAuditLog log;
    private final TenantId acme = TenantId.random();
    private final TenantId globex = TenantId.random();

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        log = new JdbcAuditLog(database.dataSource(), AuditSigningKey.loadOrCreate(keyDir), 5, clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private AuditRecord record(String actor, TenantId tenant, String action, int n) {
        return new AuditRecord(clock.instant().plusSeconds(n), UUID.randomUUID(), actor, "mssp-staff", tenant, action,
                "POST /api/v1/x/" + n, AuditOutcome.SUCCESS, "192.0.2.7", "vigil-cli", Map.of("status", "201", "n", "" + n));
    }

    private void appendSome(int count) {
        for (int i = 1; i <= count; i++) {
            log.record(record(i % 2 == 0 ? "alice" : "bob", i % 3 == 0 ? acme : globex, i % 4 == 0 ? "tenant-data.read" : "http.request", i));
        }
    }

    private void sql(String statement) {
        Jdbc.withConnection(database.dataSource(), "tampering", connection -> {
            try (PreparedStatement update = connection.prepareStatement(statement)) {
                return update.executeUpdate();
            }
        });
    }

    @AllDatabasesTest
    void appendsAHashChainWithACheckpointEveryNEntries() {
        appendSome(12);

        List<AuditEntry> all = new ArrayList<>();
        log.forEach(all::add);
        assertThat(all).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(all.getFirst().prevHash()).isEqualTo(AuditEntry.GENESIS);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).hash());
            assertThat(all.get(i).hash()).isEqualTo(all.get(i).computedHash());
        }
        assertThat(log.checkpoints()).extracting(AuditCheckpoint::seq).containsExactly(5L, 10L);
        assertThat(log.checkpoint()).hasValueSatisfying(c -> assertThat(c.headHash()).isEqualTo(all.getLast().hash()));
        assertThat(log.checkpoint()).as("nothing new to sign").isEmpty();
        assertThat(log.verify()).isEqualTo(new Intact(12, 3, 12));
    }

    @AllDatabasesTest
    void pagesNewestFirstWithFilters() {
        appendSome(12);

        assertThat(log.page(AuditQuery.newest(5))).extracting(AuditEntry::seq).containsExactly(12L, 11L, 10L, 9L, 8L);
        assertThat(log.page(new AuditQuery(null, null, null, null, null, 8L, 3))).extracting(AuditEntry::seq)
                .containsExactly(7L, 6L, 5L);
        assertThat(log.page(AuditQuery.newest(100).forTenant(acme))).extracting(AuditEntry::seq)
                .containsExactly(12L, 9L, 6L, 3L);
        assertThat(log.page(new AuditQuery(null, "tenant-data.read", "alice", null, null, null, 100)))
                .extracting(AuditEntry::seq).containsExactly(12L, 8L, 4L);
        assertThat(log.page(new AuditQuery(null, null, null, clock.instant().plusSeconds(3), clock.instant().plusSeconds(5), null, 100)))
                .extracting(AuditEntry::seq).containsExactly(4L, 3L);
        AuditEntry read = log.page(AuditQuery.newest(1)).getFirst();
        assertThat(read.record().details()).containsEntry("n", "12").containsEntry("status", "201");
        assertThat(read.record().tenant()).isEqualTo(acme);
        assertThat(read.record().sourceIp()).isEqualTo("192.0.2.7");
    }

    @AllDatabasesTest
    void textThatNeedsEscapingOrCleaningStillVerifies() {
        log.record(new AuditRecord(Instant.parse("2025-03-01T10:00:00.123456789Z"), null, "e\u0301ve \"quoted\"\\", null, null,
                "auth.login-failed", "line\nbreak\ttab\u0001\u0000nul \uD800 lone \uD83D\uDE00 pair", AuditOutcome.FAILED,
                null, "x".repeat(900), Map.of("z", "last", "a", "first\r\n", "é", "unicode key")));
        AuditEntry read = log.page(AuditQuery.newest(1)).getFirst();
        assertThat(read.canonical()).doesNotContain("\n").contains("\\u0001").contains("\\n").contains("\\t");
        assertThat(read.record().target()).contains("\uFFFDnul \uFFFD lone \uD83D\uDE00 pair");
        assertThat(read.record().userAgent()).hasSize(JdbcAuditLog.MAX_USER_AGENT);
        assertThat(read.record().at()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
        assertThat(read.canonical()).contains("\"at\":\"2025-03-01T10:00:00.123456Z\"");
        assertThat(log.verify()).isInstanceOf(Intact.class);
    }

    @AllDatabasesTest
    void concurrentAppendersInSeveralProcessesNeverForkTheChain(TestDatabase fixture) throws Exception {
        // A second pool on the same database stands for a second Vigil process.
        try (Database second = TestStores.open(fixture)) {
            JdbcAuditLog other = new JdbcAuditLog(second.dataSource(), AuditSigningKey.loadOrCreate(keyDir), 7, clock);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    JdbcAuditLog target = t % 2 == 0 ? log : other;
                    int thread = t;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            target.record(record("t" + thread, acme, "http.request", i));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                threads.shutdownNow();
            }
        }
        List<AuditEntry> all = new ArrayList<>();
        log.forEach(all::add);
        assertThat(all).hasSize(100);
        assertThat(log.verify()).isInstanceOfSatisfying(Intact.class, intact -> assertThat(intact.entries()).isEqualTo(100));
    }

    @AllDatabasesTest
    void updatedColumnIsNamedAsModified() {
        appendSome(12);
        sql("UPDATE audit_entry SET actor_name = 'mallory' WHERE seq = 7");
        assertThat(log.verify()).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(7);
            assertThat(b.problem()).isEqualTo(Problem.MODIFIED);
        });
    }

    @AllDatabasesTest
    void updatedColumnWithRecomputedHashIsNamedThroughTheNextLink() {
        appendSome(12);
        sql("UPDATE audit_entry SET outcome = 'DENIED', hash = '" + "a".repeat(64) + "' WHERE seq = 3");
        assertThat(log.verify()).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo(Problem.MODIFIED);
        });
        sql("UPDATE audit_entry SET outcome = 'not-an-outcome' WHERE seq = 2");
        assertThat(log.verify()).isInstanceOfSatisfying(Broken.class, b -> assertThat(b.seq()).isEqualTo(2));
    }

    @AllDatabasesTest
    void deletedRowIsNamed() {
        appendSome(12);
        sql("DELETE FROM audit_entry WHERE seq = 4");
        assertThat(log.verify()).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.problem()).isEqualTo(Problem.DELETED);
        });
    }

    @AllDatabasesTest
    void deletedTailIsTruncation() {
        appendSome(12);
        sql("DELETE FROM audit_entry WHERE seq >= 9");
        assertThat(log.verify()).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(9);
            assertThat(b.problem()).isEqualTo(Problem.TRUNCATED);
        });
    }

    @AllDatabasesTest
    void alteredCheckpointIsABadSignature() {
        appendSome(12);
        sql("UPDATE audit_checkpoint SET at = at + INTERVAL '1' SECOND WHERE seq = 5");
        assertThat(log.verify()).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(5);
            assertThat(b.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        });
    }

    @AllDatabasesTest
    void signingKeyIsPrivateAndStable() throws Exception {
        Path privateFile = keyDir.resolve(AuditSigningKey.PRIVATE_FILE);
        assertThat(Files.getPosixFilePermissions(privateFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        AuditSigningKey again = AuditSigningKey.loadOrCreate(keyDir);
        assertThat(again.keyId()).isEqualTo(log.key().keyId());
        assertThat(again.publicPem()).isEqualTo(Files.readString(keyDir.resolve(AuditSigningKey.PUBLIC_FILE)));
    }
}
