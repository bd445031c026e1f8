package io.vigil.store.identity;

import io.vigil.core.access.ActorKind;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.DuplicateException;
import io.vigil.store.Jdbc;
import io.vigil.store.NotFoundException;
import io.vigil.store.SqlErrors;
import io.vigil.store.secret.SecretBox;
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
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User, staff and service accounts: creation, lookup, disabling, passwords, the failed-login count and lockout,
 * TOTP enrolment state, and accounts that come from an SSO issuer. Callers authorise before using it.
 */
public final class Users {

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);

    private static final String COLUMNS = "id, login, display_name, kind, home_tenant_id, password_hash IS NOT NULL AS has_password, "
            + "password_must_change, password_changed_at, totp_enrolled_at, failed_logins, locked_until, disabled_at, "
            + "external_issuer, external_subject, created_at, updated_at";

    /** What a failed login did to the account. */
    public enum FailureOutcome {
        COUNTED, LOCKED
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final SecretBox box;

    /** @param box seals TOTP secrets at rest; each is bound to its account's id */
    public Users(DataSource dataSource, Clock clock, SecretBox box) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.box = Objects.requireNonNull(box, "box");
    }

    /**
     * @throws DuplicateException        if the login is taken
     * @throws IllegalArgumentException  if a client user's home tenant does not exist
     */
    public UserAccount create(NewUser user) {
        Objects.requireNonNull(user, "user");
        Instant now = Jdbc.now(clock);
        UUID id = UUID.randomUUID();
        Jdbc.withConnection(dataSource, "creating user '" + user.login() + "'", connection -> {
            insert(connection, id, user.login(), user.displayName(), user.kind(), user.homeTenant(), user.passwordHash(),
                    user.passwordMustChange(), null, null, now);
            return null;
        });
        return find(id).orElseThrow();
    }

    private static void insert(Connection connection, UUID id, String login, String displayName, ActorKind kind,
                               TenantId homeTenant, String passwordHash, boolean mustChange, String issuer,
                               String subject, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO user_account (id, login, display_name, kind, "
                + "home_tenant_id, password_hash, password_must_change, password_changed_at, failed_logins, external_issuer, "
                + "external_subject, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, login);
            insert.setString(3, displayName);
            insert.setString(4, kind.code());
            insert.setObject(5, homeTenant == null ? null : homeTenant.value());
            insert.setString(6, passwordHash);
            insert.setBoolean(7, mustChange);
            insert.setObject(8, passwordHash == null ? null : Jdbc.timestamp(now));
            insert.setString(9, issuer);
            insert.setString(10, subject);
            insert.setObject(11, Jdbc.timestamp(now));
            insert.setObject(12, Jdbc.timestamp(now));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new DuplicateException("login '" + login + "' is already taken");
            }
            if (SqlErrors.isMissingParent(e)) {
                throw new IllegalArgumentException("home tenant " + homeTenant + " does not exist");
            }
            throw e;
        }
    }

    public Optional<UserAccount> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return one("finding user " + id, "id = ?", id);
    }

    /** By login, matched case-insensitively; empty for anything that is not a valid login. */
    public Optional<UserAccount> findByLogin(String login) {
        String normal;
        try {
            normal = UserAccount.requireLogin(login);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return one("finding user by login", "login = ?", normal);
    }

    /** Every account, by login. */
    public List<UserAccount> list() {
        return many("listing users", "1 = 1", null);
    }

    /** The client users whose home is this tenant, by login. */
    public List<UserAccount> listClientUsers(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return many("listing users of tenant " + tenant, "home_tenant_id = ?", tenant.value());
    }

    /** Whether no account exists at all (first start). */
    public boolean isEmpty() {
        return Jdbc.withConnection(dataSource, "counting users", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM user_account FETCH FIRST 1 ROWS ONLY");
                 ResultSet rows = select.executeQuery()) {
                return !rows.next();
            }
        });
    }

    /**
     * Disables the account; idempotent (keeps the first time).
     *
     * @return whether the account exists
     */
    public boolean disable(UUID id) {
        return update(id, "disabling user", "disabled_at = COALESCE(disabled_at, ?)", Jdbc.timestamp(Jdbc.now(clock)));
    }

    /**
     * Sets a new password hash, and whether it is a one-time password.
     *
     * @throws NotFoundException for an unknown account
     */
    public void setPassword(UUID id, String hash, boolean mustChange) {
        Objects.requireNonNull(hash, "hash");
        Instant now = Jdbc.now(clock);
        boolean found = Jdbc.withConnection(dataSource, "setting the password of user " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE user_account SET password_hash = ?, "
                    + "password_must_change = ?, password_changed_at = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, hash);
                update.setBoolean(2, mustChange);
                update.setObject(3, Jdbc.timestamp(now));
                update.setObject(4, Jdbc.timestamp(now));
                update.setObject(5, id);
                return update.executeUpdate() > 0;
            }
        });
        if (!found) {
            throw new NotFoundException("user " + id + " not found");
        }
    }

    /** The account's secrets, for checking a login or a code. */
    public Optional<Credentials> credentials(UUID id) {
        return Jdbc.withConnection(dataSource, "reading credentials of user " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT password_hash, totp_secret, "
                    + "totp_pending_secret, totp_last_step FROM user_account WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<Credentials>empty();
                    }
                    long step = rows.getLong("totp_last_step");
                    Long lastStep = rows.wasNull() ? null : step;
                    return Optional.of(new Credentials(rows.getString("password_hash"),
                            unseal(rows.getString("totp_secret"), id), unseal(rows.getString("totp_pending_secret"), id), lastStep));
                }
            }
        });
    }

    /**
     * Counts a failed login; at {@code threshold} consecutive failures the account is locked for {@code lockFor}
     * and the count starts again.
     */
    public FailureOutcome recordFailedLogin(UUID id, int threshold, Duration lockFor) {
        Instant now = Jdbc.now(clock);
        return Jdbc.inTransaction(dataSource, "counting a failed login of user " + id, connection -> {
            int failures;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT failed_logins FROM user_account WHERE id = ? FOR UPDATE")) {
                select.setObject(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new NotFoundException("user " + id + " not found");
                    }
                    failures = rows.getInt(1) + 1;
                }
            }
            boolean lock = failures >= threshold;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE user_account SET failed_logins = ?, locked_until = COALESCE(?, locked_until) WHERE id = ?")) {
                update.setInt(1, lock ? 0 : failures);
                update.setObject(2, lock ? Jdbc.timestamp(now.plus(lockFor)) : null);
                update.setObject(3, id);
                update.executeUpdate();
            }
            return lock ? FailureOutcome.LOCKED : FailureOutcome.COUNTED;
        });
    }

    /** A successful login: the failure count and any lock are cleared. */
    public void recordSuccessfulLogin(UUID id) {
        update(id, "recording a login", "failed_logins = 0, locked_until = NULL, updated_at = updated_at", null);
    }

    /** Keeps a TOTP secret being enrolled, without touching an enrolled one until {@link #confirmTotp}. */
    public void startTotpEnrolment(UUID id, String base32Secret) {
        Objects.requireNonNull(base32Secret, "secret");
        if (!update(id, "starting TOTP enrolment", "totp_pending_secret = ?", box.seal(base32Secret, id.toString()))) {
            throw new NotFoundException("user " + id + " not found");
        }
    }

    /**
     * Makes the pending secret the enrolled one, recording {@code step} as used.
     *
     * @return false if there was no pending secret
     */
    public boolean confirmTotp(UUID id, long step) {
        Instant now = Jdbc.now(clock);
        return Jdbc.withConnection(dataSource, "confirming TOTP enrolment", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE user_account SET totp_secret = totp_pending_secret, "
                    + "totp_pending_secret = NULL, totp_enrolled_at = ?, totp_last_step = ?, updated_at = ? "
                    + "WHERE id = ? AND totp_pending_secret IS NOT NULL")) {
                update.setObject(1, Jdbc.timestamp(now));
                update.setLong(2, step);
                update.setObject(3, Jdbc.timestamp(now));
                update.setObject(4, id);
                return update.executeUpdate() > 0;
            }
        });
    }

    /**
     * Records that a TOTP code of {@code step} was accepted, unless a code of this or a later step was already:
     * atomically, so that one code logs in once even when presented twice at the same moment.
     *
     * @return whether the step was new (the code may be accepted)
     */
    public boolean useTotpStep(UUID id, long step) {
        return Jdbc.withConnection(dataSource, "recording a TOTP step", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE user_account SET totp_last_step = ? "
                    + "WHERE id = ? AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ?)")) {
                update.setLong(1, step);
                update.setObject(2, id);
                update.setLong(3, step);
                return update.executeUpdate() > 0;
            }
        });
    }

    /**
     * Seals under the current data key every TOTP secret that is not: those stored in plain form by an earlier
     * version, and those sealed under an older key (after {@link SecretBox#rotate}). Run at start, before logins, and
     * by a key rotation; idempotent.
     *
     * A value that opens under none of the box's keys (the key file was lost or replaced) is left as it is and
     * logged: its account must enrol again, and the server still starts.
     *
     * @return how many values were sealed
     */
    public int resealTotpSecrets() {
        return Jdbc.inTransaction(dataSource, "sealing TOTP secrets under the current data key", connection -> {
            int sealed = 0;
            for (String column : List.of("totp_secret", "totp_pending_secret")) {
                List<Object[]> stale = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT id, " + column + " FROM user_account WHERE "
                        + column + " IS NOT NULL FOR UPDATE")) {
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            String stored = rows.getString(2);
                            if (!box.isUnderCurrentKey(stored)) {
                                stale.add(new Object[] {rows.getObject(1, UUID.class), stored});
                            }
                        }
                    }
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE user_account SET " + column + " = ? WHERE id = ?")) {
                    for (Object[] row : stale) {
                        UUID id = (UUID) row[0];
                        String plain;
                        try {
                            plain = unseal((String) row[1], id);
                        } catch (IllegalStateException e) {
                            LOG.warn("{}; left as it is, the account must enrol TOTP again", e.getMessage());
                            continue;
                        }
                        update.setString(1, box.seal(plain, id.toString()));
                        update.setObject(2, id);
                        sealed += update.executeUpdate();
                    }
                }
            }
            return sealed;
        });
    }

    private String unseal(String stored, UUID id) {
        if (stored == null || !SecretBox.isSealed(stored)) {
            return stored; // plain, from before sealing; sealed at the next start
        }
        try {
            return box.open(stored, id.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the TOTP secret of user " + id + " cannot be decrypted with this data key: "
                    + e.getMessage());
        }
    }

    /** Whether a tenant's client users must enrol TOTP. */
    public boolean clientMfaRequired(TenantId tenant) {
        return Jdbc.withConnection(dataSource, "reading the MFA requirement of tenant " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT client_mfa_required FROM tenant WHERE id = ?")) {
                select.setObject(1, tenant.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() && rows.getBoolean(1);
                }
            }
        });
    }

    public void requireClientMfa(TenantId tenant, boolean required) {
        Jdbc.withConnection(dataSource, "setting the MFA requirement of tenant " + tenant, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE tenant SET client_mfa_required = ? WHERE id = ?")) {
                update.setBoolean(1, required);
                update.setObject(2, tenant.value());
                if (update.executeUpdate() == 0) {
                    throw new NotFoundException("tenant " + tenant + " not found");
                }
            }
            return null;
        });
    }

    /**
     * The account an SSO issuer knows as {@code subject}: created on first sight (without a password), otherwise
     * updated to what the issuer says now (login, display name, kind, home tenant).
     *
     * @throws DuplicateException if the login belongs to another account
     */
    public UserAccount findOrCreateExternal(String issuer, String subject, String login, String displayName,
                                            ActorKind kind, TenantId homeTenant) {
        String iss = requireText("issuer", issuer, 500);
        String sub = requireText("subject", subject, 255);
        NewUser wanted = new NewUser(login, displayName, kind, homeTenant, null, false);
        Instant now = Jdbc.now(clock);
        UUID id = Jdbc.inTransaction(dataSource, "finding or creating the account of " + iss, connection -> {
            UUID existing = null;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM user_account WHERE external_issuer = ? AND external_subject = ? FOR UPDATE")) {
                select.setString(1, iss);
                select.setString(2, sub);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        existing = rows.getObject(1, UUID.class);
                    }
                }
            }
            if (existing == null) {
                UUID created = UUID.randomUUID();
                insert(connection, created, wanted.login(), wanted.displayName(), kind, homeTenant, null, false, iss, sub, now);
                return created;
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE user_account SET login = ?, display_name = ?, "
                    + "kind = ?, home_tenant_id = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, wanted.login());
                update.setString(2, wanted.displayName());
                update.setString(3, kind.code());
                update.setObject(4, homeTenant == null ? null : homeTenant.value());
                update.setObject(5, Jdbc.timestamp(now));
                update.setObject(6, existing);
                update.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new DuplicateException("login '" + wanted.login() + "' is already taken");
                }
                throw e;
            }
            return existing;
        });
        return find(id).orElseThrow();
    }

    private static String requireText(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("external " + what + " must be 1-" + max + " characters");
        }
        return value;
    }

    private boolean update(UUID id, String action, String set, Object value) {
        Objects.requireNonNull(id, "id");
        return Jdbc.withConnection(dataSource, action + " " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE user_account SET " + set + " WHERE id = ?")) {
                int i = 1;
                if (value != null) {
                    update.setObject(i++, value);
                }
                update.setObject(i, id);
                return update.executeUpdate() > 0;
            }
        });
    }

    private Optional<UserAccount> one(String action, String where, Object value) {
        List<UserAccount> found = many(action, where, value);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private List<UserAccount> many(String action, String where, Object value) {
        return Jdbc.withConnection(dataSource, action, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM user_account WHERE " + where + " ORDER BY login")) {
                if (value != null) {
                    select.setObject(1, value);
                }
                try (ResultSet rows = select.executeQuery()) {
                    List<UserAccount> accounts = new ArrayList<>();
                    while (rows.next()) {
                        accounts.add(account(rows));
                    }
                    return accounts;
                }
            }
        });
    }

    private static UserAccount account(ResultSet row) throws SQLException {
        UUID home = row.getObject("home_tenant_id", UUID.class);
        return new UserAccount(
                row.getObject("id", UUID.class),
                row.getString("login"),
                row.getString("display_name"),
                ActorKind.ofCode(row.getString("kind")),
                home == null ? null : new TenantId(home),
                row.getBoolean("has_password"),
                row.getBoolean("password_must_change"),
                Jdbc.instant(row, "password_changed_at"),
                Jdbc.instant(row, "totp_enrolled_at"),
                row.getInt("failed_logins"),
                Jdbc.instant(row, "locked_until"),
                Jdbc.instant(row, "disabled_at"),
                row.getString("external_issuer"),
                row.getString("external_subject"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"));
    }
}
