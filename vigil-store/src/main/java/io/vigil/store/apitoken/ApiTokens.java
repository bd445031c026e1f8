package io.vigil.store.apitoken;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.DuplicateException;
import io.vigil.store.Jdbc;
import io.vigil.store.SqlErrors;
import io.vigil.store.secret.Secrets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Issues, lists, revokes and verifies API tokens. Each belongs to an account and may be narrowed to tenants and
 * permissions (see {@link ApiToken}).
 *
 * <p>Issued secrets look like {@code vga_<token id, 32 hex>_<32 random bytes, base64url>}; a secret
 * provided by the operator at bootstrap may look like anything of at least {@value #MIN_OPERATOR_SECRET}
 * characters. Either way only the SHA-256 of the whole secret is stored and a token is found by that hash
 * (an operator's secret carries no id). The fast hash is right for issued secrets (256 random bits, see
 * {@link Secrets}); for operator secrets it relies on the operator generating them (the minimum length is
 * a guard, not a guarantee), which the bootstrap documentation has to say.
 */
public final class ApiTokens {

    public static final String PREFIX = "vga_";
    public static final int MIN_OPERATOR_SECRET = 32;
    /** Longer presented secrets are rejected without hashing (nobody issues them). */
    public static final int MAX_SECRET = 512;

    private static final String COLUMNS = "id, owner_id, label, tenant_scope, permission_scope, created_at, expires_at, revoked_at";

    private final DataSource dataSource;
    private final Clock clock;

    public ApiTokens(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A new token with a generated secret.
     *
     * @param owner       the account it acts for
     * @param tenants     the only tenants it may reach, {@code null} for all of the owner's
     * @param permissions the only permissions it may use, {@code null} for all of the owner's
     * @param expiresAt   when it stops verifying, {@code null} for never; must be in the future
     */
    public IssuedApiToken issue(UUID owner, String label, Set<TenantId> tenants, Set<Permission> permissions,
                                Instant expiresAt) {
        Instant now = Jdbc.now(clock);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("API token expiry must be in the future: " + expiresAt);
        }
        ApiTokenId id = ApiTokenId.random();
        ApiToken token = new ApiToken(id, owner, label, tenants, permissions, now, Jdbc.asStored(expiresAt), null);
        return insert(token, Secrets.issue(PREFIX, id.value()));
    }

    /**
     * A token, without expiry, for a secret the operator provides at bootstrap (so that automation can be
     * configured before the server first starts).
     *
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_OPERATOR_SECRET} or
     *                                  longer than {@value #MAX_SECRET} characters, or contains whitespace
     *                                  or control characters
     * @throws DuplicateException       if a token with this secret exists already
     */
    public IssuedApiToken issueWithSecret(UUID owner, String label, String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < MIN_OPERATOR_SECRET || secret.length() > MAX_SECRET) {
            throw new IllegalArgumentException("an operator-provided API token secret must be "
                    + MIN_OPERATOR_SECRET + "-" + MAX_SECRET + " characters (generate it, e.g. openssl rand -base64 32)");
        }
        if (secret.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("an API token secret must not contain whitespace or control characters");
        }
        return insert(new ApiToken(ApiTokenId.random(), owner, label, null, null, Jdbc.now(clock), null, null), secret);
    }

    private IssuedApiToken insert(ApiToken token, String secret) {
        Jdbc.withConnection(dataSource, "issuing API token '" + token.label() + "'", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_token (" + COLUMNS + ", secret_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
                insert.setObject(1, token.id().value());
                insert.setObject(2, token.owner());
                insert.setString(3, token.label());
                insert.setString(4, joinTenants(token.tenants()));
                insert.setString(5, joinPermissions(token.permissions()));
                insert.setObject(6, Jdbc.timestamp(token.createdAt()));
                insert.setObject(7, Jdbc.timestamp(token.expiresAt()));
                insert.setString(8, Secrets.hex(Secrets.sha256(secret)));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    // Never echo the secret.
                    throw new DuplicateException("an API token with this secret exists already");
                }
                throw e;
            }
            return null;
        });
        return new IssuedApiToken(token, secret);
    }

    /** All tokens, including expired and revoked ones, oldest first. */
    public List<ApiToken> list() {
        return Jdbc.withConnection(dataSource, "listing API tokens", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_token ORDER BY created_at, id");
                 ResultSet rows = select.executeQuery()) {
                List<ApiToken> tokens = new ArrayList<>();
                while (rows.next()) {
                    tokens.add(token(rows));
                }
                return tokens;
            }
        });
    }

    /** The tokens of one account, including expired and revoked ones, oldest first. */
    public List<ApiToken> ownedBy(UUID owner) {
        Objects.requireNonNull(owner, "owner");
        return Jdbc.withConnection(dataSource, "listing API tokens of " + owner, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_token WHERE owner_id = ? ORDER BY created_at, id")) {
                select.setObject(1, owner);
                try (ResultSet rows = select.executeQuery()) {
                    List<ApiToken> tokens = new ArrayList<>();
                    while (rows.next()) {
                        tokens.add(token(rows));
                    }
                    return tokens;
                }
            }
        });
    }

    /** Revokes every token of an account (the account was disabled). */
    public int revokeAllOf(UUID owner) {
        Objects.requireNonNull(owner, "owner");
        return Jdbc.withConnection(dataSource, "revoking API tokens of " + owner, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_token SET revoked_at = ? WHERE owner_id = ? AND revoked_at IS NULL")) {
                update.setObject(1, Jdbc.timestamp(Jdbc.now(clock)));
                update.setObject(2, owner);
                return update.executeUpdate();
            }
        });
    }

    /** The token, if it exists. */
    public Optional<ApiToken> find(ApiTokenId id) {
        Objects.requireNonNull(id, "id");
        return Jdbc.withConnection(dataSource, "finding API token " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM api_token WHERE id = ?")) {
                select.setObject(1, id.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(token(rows)) : Optional.<ApiToken>empty();
                }
            }
        });
    }

    /**
     * Revokes the token. Idempotent: revoking it again keeps the first revocation time.
     *
     * @return whether a token with this id exists
     */
    public boolean revoke(ApiTokenId id) {
        Objects.requireNonNull(id, "id");
        return Jdbc.withConnection(dataSource, "revoking API token " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
                update.setObject(1, Jdbc.timestamp(Jdbc.now(clock)));
                update.setObject(2, id.value());
                return update.executeUpdate() > 0;
            }
        });
    }

    /**
     * The token a presented secret belongs to, if it is neither revoked nor expired. Empty for anything
     * else, including malformed input; never throws for the secret's content.
     *
     * @throws io.vigil.core.error.TemporaryException if the database cannot be reached
     */
    public Optional<ApiToken> verify(String presented) {
        if (presented == null || presented.length() < MIN_OPERATOR_SECRET || presented.length() > MAX_SECRET) {
            return Optional.empty();
        }
        byte[] presentedHash = Secrets.sha256(presented);
        Instant now = clock.instant();
        return Jdbc.withConnection(dataSource, "verifying an API token", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + ", secret_sha256 FROM api_token WHERE secret_sha256 = ?")) {
                select.setString(1, Secrets.hex(presentedHash));
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || !Secrets.matches(rows.getString("secret_sha256"), presentedHash)) {
                        return Optional.<ApiToken>empty();
                    }
                    ApiToken token = token(rows);
                    return token.activeAt(now) ? Optional.of(token) : Optional.<ApiToken>empty();
                }
            }
        });
    }

    /**
     * Whether no token was ever issued (revoked and expired ones count as issued), so that bootstrap can
     * create the first one from the operator's secret without resurrecting a token someone revoked.
     */
    public boolean isEmpty() {
        return Jdbc.withConnection(dataSource, "counting API tokens", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM api_token FETCH FIRST 1 ROWS ONLY");
                 ResultSet rows = select.executeQuery()) {
                return !rows.next();
            }
        });
    }

    private static ApiToken token(ResultSet row) throws SQLException {
        return new ApiToken(
                new ApiTokenId(row.getObject("id", UUID.class)),
                row.getObject("owner_id", UUID.class),
                row.getString("label"),
                splitTenants(row.getString("tenant_scope")),
                splitPermissions(row.getString("permission_scope")),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "expires_at"),
                Jdbc.instant(row, "revoked_at"));
    }

    private static String joinTenants(Set<TenantId> tenants) {
        return tenants == null ? null : tenants.stream().map(TenantId::toString).collect(Collectors.joining(","));
    }

    private static String joinPermissions(Set<Permission> permissions) {
        return permissions == null ? null : permissions.stream().map(Permission::code).collect(Collectors.joining(","));
    }

    private static Set<TenantId> splitTenants(String column) {
        return column == null ? null : Arrays.stream(column.split(",")).map(TenantId::of)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<Permission> splitPermissions(String column) {
        return column == null ? null : Arrays.stream(column.split(",")).map(Permission::ofCode)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
    }
}
