package io.vigil.store.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Issued secrets look like {@code vgi_0f8c…(32 hex)…_<43 base64url chars>}: a prefix naming the kind (so a
 * leaked secret is recognisable by secret scanners and by people), the id of the row it belongs to (so
 * verification is one primary-key lookup), and 32 random bytes.
 *
 * <p>Only the SHA-256 of the whole secret is stored. A fast, unsalted hash is right here: the secret
 * carries 256 bits from {@link SecureRandom}, so a stolen table cannot be brute-forced whatever the hash
 * speed, and verification sits on the hot ingest path where a password hash (bcrypt, argon2) would cost
 * tens of milliseconds per request.
 */
public final class Secrets {

    private static final int RANDOM_BYTES = 32;
    private static final int ID_HEX = 32;
    private static final int RANDOM_CHARS = 43; // base64url of 32 bytes, no padding
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Secrets() {
    }

    /** A new secret for the row {@code id}. */
    public static String issue(String prefix, UUID id) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return prefix + hex(id) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * The row id inside a presented secret, or empty for anything that is not a well-formed secret of this
     * prefix. Never throws: presented secrets are untrusted input.
     */
    public static Optional<UUID> idOf(String prefix, String presented) {
        if (presented == null || presented.length() != prefix.length() + ID_HEX + 1 + RANDOM_CHARS
                || !presented.startsWith(prefix)) {
            return Optional.empty();
        }
        int idStart = prefix.length();
        int separator = idStart + ID_HEX;
        if (presented.charAt(separator) != '_') {
            return Optional.empty();
        }
        for (int i = idStart; i < separator; i++) {
            char c = presented.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return Optional.empty();
            }
        }
        for (int i = separator + 1; i < presented.length(); i++) {
            char c = presented.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return Optional.empty();
            }
        }
        long high = Long.parseUnsignedLong(presented, idStart, idStart + 16, 16);
        long low = Long.parseUnsignedLong(presented, idStart + 16, separator, 16);
        return Optional.of(new UUID(high, low));
    }

    /** The SHA-256 of the secret's UTF-8 bytes. */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** A hash as 64 lower-case hex digits, the form in which it is stored. */
    public static String hex(byte[] sha256) {
        return HEX.formatHex(sha256);
    }

    /** Whether a stored hash equals a presented secret's hash, compared in constant time. */
    public static boolean matches(String storedSha256Hex, byte[] presentedSha256) {
        byte[] stored;
        try {
            stored = HEX.parseHex(storedSha256Hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(stored, presentedSha256);
    }

    private static String hex(UUID id) {
        return HEX.toHexDigits(id.getMostSignificantBits()) + HEX.toHexDigits(id.getLeastSignificantBits());
    }
}
