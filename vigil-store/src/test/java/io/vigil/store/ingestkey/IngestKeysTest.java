package io.vigil.store.ingestkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.NotFoundException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class IngestKeysTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private IngestKeys keys;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        keys = new IngestKeys(database.dataSource(), clock);
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @AllDatabasesTest
    void issuedKeyVerifiesUntilRevoked() {
        IssuedIngestKey issued = keys.issue(acme, "  fw-cluster-hq ");

        assertThat(issued.key().label()).isEqualTo("fw-cluster-hq");
        assertThat(issued.key().tenant()).isEqualTo(acme);
        assertThat(issued.key().createdAt()).isEqualTo(clock.instant());
        assertThat(issued.key().active()).isTrue();
        assertThat(keys.verify(issued.secret())).contains(issued.key());

        assertThat(keys.revoke(acme, issued.key().id())).isTrue();

        assertThat(keys.verify(issued.secret())).isEmpty();
        assertThat(keys.find(acme, issued.key().id())).get()
                .satisfies(key -> assertThat(key.revokedAt()).isEqualTo(clock.instant()));
    }

    @AllDatabasesTest
    void secretCarriesThePrefixTheKeyIdAnd256RandomBits() {
        IssuedIngestKey issued = keys.issue(acme, "fw");

        String id = issued.key().id().value().toString().replace("-", "");
        assertThat(issued.secret()).matches("vgi_" + id + "_[A-Za-z0-9_-]{43}");
        assertThat(keys.issue(acme, "fw").secret()).isNotEqualTo(issued.secret());
    }

    @AllDatabasesTest
    void storesOnlyTheSha256OfTheSecret() throws Exception {
        IssuedIngestKey issued = keys.issue(acme, "fw");

        List<String> stored = storedColumns(database);

        String sha256 = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(issued.secret().getBytes(StandardCharsets.UTF_8)));
        String randomPart = issued.secret().substring("vgi_".length() + 32 + 1);
        assertThat(stored).contains(sha256);
        assertThat(stored).noneMatch(value -> value.contains(randomPart));
    }

    @AllDatabasesTest
    void aTenantNeverSeesNorRevokesAnotherTenantsKey() {
        IssuedIngestKey acmeKey = keys.issue(acme, "fw");

        assertThat(keys.list(globex)).isEmpty();
        assertThat(keys.find(globex, acmeKey.key().id())).isEmpty();
        assertThat(keys.revoke(globex, acmeKey.key().id())).isFalse();

        assertThat(keys.verify(acmeKey.secret())).contains(acmeKey.key());
        assertThat(keys.list(acme)).containsExactly(acmeKey.key());
    }

    @AllDatabasesTest
    void listsActiveAndRevokedKeysOldestFirst() {
        IssuedIngestKey first = keys.issue(acme, "first");
        clock.advance(Duration.ofSeconds(1));
        IssuedIngestKey second = keys.issue(acme, "second");
        keys.revoke(acme, first.key().id());

        assertThat(keys.list(acme)).extracting(IngestKey::label, IngestKey::active)
                .containsExactly(tuple("first", false), tuple("second", true));
        assertThat(second.key().active()).isTrue();
    }

    @AllDatabasesTest
    void revokingIsIdempotentAndKeepsTheFirstRevocationTime() {
        IssuedIngestKey issued = keys.issue(acme, "fw");
        keys.revoke(acme, issued.key().id());
        var firstRevocation = clock.instant();
        clock.advance(Duration.ofHours(1));

        assertThat(keys.revoke(acme, issued.key().id())).isTrue();
        assertThat(keys.find(acme, issued.key().id())).get()
                .satisfies(key -> assertThat(key.revokedAt()).isEqualTo(firstRevocation));
        assertThat(keys.revoke(acme, IngestKeyId.random())).isFalse();
    }

    @AllDatabasesTest
    void malformedOrWrongSecretsVerifyToEmpty() {
        IssuedIngestKey issued = keys.issue(acme, "fw");
        String secret = issued.secret();
        String wrongRandom = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");
        String unknownId = "vgi_" + "0".repeat(32) + secret.substring(36);

        List<String> presented = new ArrayList<>(List.of("", "vgi_", "nonsense", secret + "x",
                secret.substring(1), "vga_" + secret.substring(4), secret.toUpperCase(),
                secret.replace('_', '.'), secret.substring(0, 40) + "\u00e9" + secret.substring(41),
                wrongRandom, unknownId));
        presented.add(null);

        for (String candidate : presented) {
            assertThat(keys.verify(candidate)).as(String.valueOf(candidate)).isEmpty();
        }
        assertThat(keys.verify(secret)).isPresent();
        assertThat(keys.verify(wrongRandom)).as("wrong secret for a cached key").isEmpty();
    }

    @AllDatabasesTest
    void revocationByAnotherProcessTakesEffectWhenTheCacheEntryExpires() {
        IssuedIngestKey issued = keys.issue(acme, "fw");
        IngestKeys otherNode = new IngestKeys(database.dataSource(), clock);
        assertThat(keys.verify(issued.secret())).isPresent();

        otherNode.revoke(acme, issued.key().id());

        assertThat(keys.verify(issued.secret())).as("still cached").isPresent();
        clock.advance(IngestKeys.CACHE_TTL);
        assertThat(keys.verify(issued.secret())).isEmpty();
        assertThat(otherNode.verify(issued.secret())).isEmpty();
    }

    @AllDatabasesTest
    void issuingForAnUnknownTenantIsNotFound() {
        TenantId unknown = TenantId.random();

        assertThatThrownBy(() -> keys.issue(unknown, "fw"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown.toString());
    }

    @AllDatabasesTest
    void rejectsLabelsOutsideOneToHundredCharacters() {
        assertThat(keys.issue(acme, "x".repeat(100)).key().label()).hasSize(100);
        assertThatThrownBy(() -> keys.issue(acme, "x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.issue(acme, "   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.issue(acme, "fw\u0000hq")).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.list(acme)).hasSize(1);
    }

    /** Every text value of the ingest_key table. */
    private static List<String> storedColumns(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM ingest_key")) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    values.add(String.valueOf(rows.getObject(column)));
                }
            }
            return values;
        }
    }
}
