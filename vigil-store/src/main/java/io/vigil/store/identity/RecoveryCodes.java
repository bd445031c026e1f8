package io.vigil.store.identity;

import io.vigil.store.Jdbc;
import io.vigil.store.secret.Secrets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Single-use codes that stand in for a TOTP code when the authenticator is lost: {@value #COUNT} per account,
 * each 60 random bits written {@code xxxx-xxxx-xxxx} (base32, lower case), stored only as SHA-256 (random codes
 * need no slow hash). Issuing a new set discards the old one.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int GROUPS = 3;
    private static final int GROUP_LENGTH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;

    public RecoveryCodes(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new set of codes, replacing any earlier one: show them once, they cannot be recovered. */
    public List<String> issue(UUID userId) {
        Objects.requireNonNull(userId, "userId");
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            codes.add(newCode());
        }
        Jdbc.inTransaction(dataSource, "issuing recovery codes for user " + userId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM recovery_code WHERE user_id = ?")) {
                delete.setObject(1, userId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO recovery_code (user_id, code_sha256, used_at) VALUES (?, ?, NULL)")) {
                for (String code : codes) {
                    insert.setObject(1, userId);
                    insert.setString(2, Secrets.hex(Secrets.sha256(normalise(code))));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        return List.copyOf(codes);
    }

    /**
     * Uses up a code: atomically, so that one code is accepted once even when presented twice at once.
     *
     * @return whether the code was one of the account's unused codes
     */
    public boolean use(UUID userId, String code) {
        if (code == null || code.length() > 64) {
            return false;
        }
        String hash = Secrets.hex(Secrets.sha256(normalise(code)));
        return Jdbc.withConnection(dataSource, "using a recovery code of user " + userId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE recovery_code SET used_at = ? WHERE user_id = ? AND code_sha256 = ? AND used_at IS NULL")) {
                update.setObject(1, Jdbc.timestamp(Jdbc.now(clock)));
                update.setObject(2, userId);
                update.setString(3, hash);
                return update.executeUpdate() > 0;
            }
        });
    }

    /** How many unused codes the account has left. */
    public int remaining(UUID userId) {
        return Jdbc.withConnection(dataSource, "counting recovery codes of user " + userId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM recovery_code WHERE user_id = ? AND used_at IS NULL")) {
                select.setObject(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int g = 0; g < GROUPS; g++) {
            if (g > 0) {
                code.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
        }
        return code.toString();
    }

    /** Case, dashes and spaces do not matter when a person types a code. */
    private static String normalise(String code) {
        return code.strip().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
    }
}
