package io.vigil.store.ingestkey;

import io.vigil.store.CrossTenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Jdbc;
import io.vigil.store.NotFoundException;
import io.vigil.store.SqlErrors;
import io.vigil.store.secret.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Issues, lists and revokes a tenant's ingest keys, and verifies presented secrets on the ingest path.
 *
 * <p>Secrets look like {@code vgi_<key id, 32 hex>_<32 random bytes, base64url>}; only their SHA-256 is
 * stored (see {@link Secrets} for why a fast hash is right).
 *
 * <p>Verification runs for every ingest request, so verified keys are kept in memory for
 * {@link #CACHE_TTL}: a key revoked by another process stops verifying here within that time; one revoked
 * through this instance stops at once. The cache holds at most {@link #CACHE_LIMIT} active keys
 * (a few hundred bytes each, so a few MB at most); beyond that new keys are verified against the
 * database every time. Only active keys are cached: a flood of unknown but well-formed secrets costs one
 * primary-key lookup each and cannot grow memory (rate limiting belongs to the transport).
 */
public final class IngestKeys {

    public static final String PREFIX = "vgi_";
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);
    public static final int CACHE_LIMIT = 10_000;

    private static final String COLUMNS = "id, tenant_id, label, secret_sha256, created_at, revoked_at";

    private final DataSource dataSource;
    private final Clock clock;
    private final ConcurrentHashMap<IngestKeyId, Verified> verified = new ConcurrentHashMap<>();

    /** An active key and its stored hash, trusted until {@code expiresAt}. */
    private record Verified(IngestKey key, String sha256Hex, Instant expiresAt) {
    }

    public IngestKeys(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A new active key for {@code tenant}.
     *
     * @throws IllegalArgumentException if the label is not 1-100 characters after trimming
     * @throws NotFoundException        if the tenant does not exist
     */
    public IssuedIngestKey issue(TenantId tenant, String label) {
        Objects.requireNonNull(tenant, "tenant");
        IngestKey key = new IngestKey(IngestKeyId.random(), tenant, label, Jdbc.now(clock), null);
        String secret = Secrets.issue(PREFIX, key.id().value());
        Jdbc.withConnection(dataSource, "issuing an ingest key for tenant " + tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ingest_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL)")) {
                insert.setObject(1, key.id().value());
                insert.setObject(2, tenant.value());
                insert.setString(3, key.label());
                insert.setString(4, Secrets.hex(Secrets.sha256(secret)));
                insert.setObject(5, Jdbc.timestamp(key.createdAt()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isMissingParent(e)) {
                    throw new NotFoundException("tenant " + tenant + " not found");
                }
                throw e;
            }
            return null;
        });
        return new IssuedIngestKey(key, secret);
    }

    /** The tenant's keys, active and revoked, oldest first. */
    public List<IngestKey> list(TenantId tenant) {
        return Jdbc.withConnection(dataSource, "listing ingest keys of tenant " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM ingest_key WHERE tenant_id = ? ORDER BY created_at, id")) {
                select.setObject(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    List<IngestKey> keys = new ArrayList<>();
                    while (rows.next()) {
                        keys.add(key(rows));
                    }
                    return keys;
                }
            }
        });
    }

    /** The tenant's key with this id; empty for an unknown key or a key of another tenant. */
    public Optional<IngestKey> find(TenantId tenant, IngestKeyId id) {
        return Jdbc.withConnection(dataSource, "finding ingest key " + id + " of tenant " + tenant,
                connection -> selectOne(connection, "tenant_id = ? AND id = ?", tenant.value(), id.value())
                        .map(Row::key));
    }

    /**
     * Revokes the tenant's key. Idempotent: revoking a revoked key keeps its first revocation time and
     * returns {@code true}.
     *
     * @return whether the tenant has a key with this id (false for another tenant's key)
     */
    public boolean revoke(TenantId tenant, IngestKeyId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        boolean found = Jdbc.withConnection(dataSource, "revoking ingest key " + id + " of tenant " + tenant,
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE ingest_key SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND tenant_id = ?")) {
                        update.setObject(1, Jdbc.timestamp(Jdbc.now(clock)));
                        update.setObject(2, id.value());
                        update.setObject(3, tenant.value());
                        return update.executeUpdate() > 0;
                    }
                });
        if (found) {
            verified.remove(id);
        }
        return found;
    }

    /**
     * The active key a presented secret belongs to, of whichever tenant: the platform side of ingest,
     * where the key tells the tenant. Empty for a malformed, unknown, wrong or revoked secret; never
     * throws for the secret's content.
     *
     * @throws io.vigil.core.error.TemporaryException if the database cannot be reached
     */
    @CrossTenant("the verified key decides the tenant")
    public Optional<IngestKey> verify(String presentedSecret) {
        Optional<UUID> parsed = Secrets.idOf(PREFIX, presentedSecret);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        IngestKeyId id = new IngestKeyId(parsed.get());
        byte[] presentedHash = Secrets.sha256(presentedSecret);
        Instant now = clock.instant();

        Verified cached = verified.get(id);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            // The id is right, so only the hash decides; a wrong secret for a known id never reaches
            // the database either.
            return Secrets.matches(cached.sha256Hex(), presentedHash) ? Optional.of(cached.key()) : Optional.empty();
        }
        // By id alone: the platform side, where the key is what tells the tenant.
        Optional<Row> row = Jdbc.withConnection(dataSource, "verifying ingest key " + id,
                connection -> selectOne(connection, "id = ?", id.value()));
        if (row.isEmpty() || !row.get().key().active()) {
            verified.remove(id);
            return Optional.empty();
        }
        if (!Secrets.matches(row.get().sha256Hex(), presentedHash)) {
            return Optional.empty();
        }
        remember(new Verified(row.get().key(), row.get().sha256Hex(), now.plus(CACHE_TTL)), now);
        return Optional.of(row.get().key());
    }

    private void remember(Verified entry, Instant now) {
        if (verified.size() >= CACHE_LIMIT) {
            verified.values().removeIf(cached -> !now.isBefore(cached.expiresAt()));
            if (verified.size() >= CACHE_LIMIT) {
                return;
            }
        }
        verified.put(entry.key().id(), entry);
    }

    private record Row(IngestKey key, String sha256Hex) {
    }

    private static Optional<Row> selectOne(Connection connection, String where, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM ingest_key WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Row(key(rows), rows.getString("secret_sha256"))) : Optional.empty();
            }
        }
    }

    private static IngestKey key(ResultSet row) throws SQLException {
        return new IngestKey(
                new IngestKeyId(row.getObject("id", UUID.class)),
                new TenantId(row.getObject("tenant_id", UUID.class)),
                row.getString("label"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "revoked_at"));
    }
}
