package io.vigil.store.identity;

import io.vigil.store.Jdbc;
import io.vigil.store.secret.Secrets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Browser sessions. The cookie carries a secret {@code vgs_<session id>_<random>} (see {@link Secrets}); only its
 * SHA-256 is stored. A session ends at its absolute expiry, after {@code idleTimeout} without a request, when it
 * is revoked, or when its account is disabled.
 */
public final class Sessions {

    public static final String PREFIX = "vgs_";
    private static final String COLUMNS = "s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.csrf_token, "
            + "s.restriction, s.source_ip, s.user_agent, s.revoked_at";
    // last_seen_at is written at most this often per session: a page firing ten requests a second must not
    // write ten rows a second. The idle timeout is minutes, so the imprecision does not matter.
    private static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteLifetime;

    public Sessions(DataSource dataSource, Clock clock, Duration idleTimeout, Duration absoluteLifetime) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteLifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("session idle timeout must be positive and at most the absolute lifetime");
        }
        this.idleTimeout = idleTimeout;
        this.absoluteLifetime = absoluteLifetime;
    }

    public OpenedSession open(UUID userId, SessionRestriction restriction, String sourceIp, String userAgent) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(restriction, "restriction");
        Instant now = Jdbc.now(clock);
        UUID id = UUID.randomUUID();
        String secret = Secrets.issue(PREFIX, id);
        byte[] csrf = new byte[32];
        RANDOM.nextBytes(csrf);
        UserSession session = new UserSession(id, userId, now, now, now.plus(absoluteLifetime),
                Base64.getUrlEncoder().withoutPadding().encodeToString(csrf), restriction, clip(sourceIp, 64),
                clip(userAgent, 500), null);
        Jdbc.withConnection(dataSource, "opening a session for user " + userId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO user_session (id, secret_sha256, user_id, "
                    + "created_at, last_seen_at, expires_at, csrf_token, restriction, source_ip, user_agent) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, Secrets.hex(Secrets.sha256(secret)));
                insert.setObject(3, userId);
                insert.setObject(4, Jdbc.timestamp(now));
                insert.setObject(5, Jdbc.timestamp(now));
                insert.setObject(6, Jdbc.timestamp(session.expiresAt()));
                insert.setString(7, session.csrfToken());
                insert.setString(8, restriction.code());
                insert.setString(9, session.sourceIp());
                insert.setString(10, session.userAgent());
                insert.executeUpdate();
            }
            return null;
        });
        return new OpenedSession(session, secret);
    }

    /**
     * The live session a presented cookie value belongs to. Empty for anything else (malformed, unknown, revoked,
     * expired, idle too long, account disabled); never throws for the value's content.
     */
    public Optional<UserSession> verify(String presented) {
        Optional<UUID> id = Secrets.idOf(PREFIX, presented);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(presented);
        Instant now = clock.instant();
        return Jdbc.withConnection(dataSource, "verifying a session", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", s.secret_sha256 "
                    + "FROM user_session s JOIN user_account u ON u.id = s.user_id WHERE s.id = ? AND u.disabled_at IS NULL")) {
                select.setObject(1, id.get());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || !Secrets.matches(rows.getString("secret_sha256"), hash)) {
                        return Optional.<UserSession>empty();
                    }
                    UserSession session = session(rows);
                    boolean live = session.revokedAt() == null && now.isBefore(session.expiresAt())
                            && now.isBefore(session.lastSeenAt().plus(idleTimeout));
                    return live ? Optional.of(session) : Optional.<UserSession>empty();
                }
            }
        });
    }

    /** Records activity, which postpones the idle timeout. */
    public void touch(UUID sessionId) {
        Instant now = Jdbc.now(clock);
        Jdbc.withConnection(dataSource, "touching session " + sessionId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE user_session SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?")) {
                update.setObject(1, Jdbc.timestamp(now));
                update.setObject(2, sessionId);
                update.setObject(3, Jdbc.timestamp(now.minus(TOUCH_GRANULARITY)));
                return update.executeUpdate();
            }
        });
    }

    /** Changes what the session must still do (after a password change or MFA enrolment). */
    public void restrict(UUID sessionId, SessionRestriction restriction) {
        Jdbc.withConnection(dataSource, "changing the restriction of session " + sessionId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE user_session SET restriction = ? WHERE id = ?")) {
                update.setString(1, restriction.code());
                update.setObject(2, sessionId);
                return update.executeUpdate();
            }
        });
    }

    /** @return whether a live session was revoked */
    public boolean revoke(UUID sessionId) {
        return Jdbc.withConnection(dataSource, "revoking session " + sessionId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE user_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                update.setObject(1, Jdbc.timestamp(Jdbc.now(clock)));
                update.setObject(2, sessionId);
                return update.executeUpdate() > 0;
            }
        });
    }

    /**
     * Revokes every session of the account except {@code keep} (the one asking, may be {@code null}).
     *
     * @return how many were revoked
     */
    public int revokeAll(UUID userId, UUID keep) {
        return Jdbc.withConnection(dataSource, "revoking the sessions of user " + userId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE user_session SET revoked_at = ? "
                    + "WHERE user_id = ? AND revoked_at IS NULL" + (keep == null ? "" : " AND id <> ?"))) {
                update.setObject(1, Jdbc.timestamp(Jdbc.now(clock)));
                update.setObject(2, userId);
                if (keep != null) {
                    update.setObject(3, keep);
                }
                return update.executeUpdate();
            }
        });
    }

    private static UserSession session(ResultSet row) throws SQLException {
        return new UserSession(row.getObject("id", UUID.class), row.getObject("user_id", UUID.class),
                Jdbc.instant(row, "created_at"), Jdbc.instant(row, "last_seen_at"), Jdbc.instant(row, "expires_at"),
                row.getString("csrf_token"), SessionRestriction.ofCode(row.getString("restriction")),
                row.getString("source_ip"), row.getString("user_agent"), Jdbc.instant(row, "revoked_at"));
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = Jdbc.text(text);
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
