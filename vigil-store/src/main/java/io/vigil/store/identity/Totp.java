package io.vigil.store.identity;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238): HMAC-SHA1, 30-second steps, 6 digits, as every authenticator app
 * does. A code of the current step or one step either side is accepted (clock drift), and never a code of a step
 * at or before the last one accepted for the account: a code seen by a shoulder-surfer or a proxy cannot be
 * replayed.
 */
public final class Totp {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    /** Steps accepted either side of the current one. */
    public static final int WINDOW = 1;
    private static final int SECRET_BYTES = 20;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public Totp(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new random secret (160 bits, as RFC 4226 recommends), base32 without padding. */
    public static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return base32(secret);
    }

    /** The {@code otpauth://} URI an authenticator app reads from a QR code. */
    public static String uri(String issuer, String account, String secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    /** The time step now. */
    public long currentStep() {
        return Math.floorDiv(clock.instant().getEpochSecond(), STEP.toSeconds());
    }

    /**
     * The step the code belongs to, if it is a valid code within the window and later than {@code lastUsedStep}.
     *
     * @param lastUsedStep the last step accepted for the account, {@code null} if none
     */
    public OptionalLong verify(String base32Secret, String code, Long lastUsedStep) {
        if (code == null || base32Secret == null) {
            return OptionalLong.empty();
        }
        String digits = code.strip().replace(" ", "");
        if (digits.length() != DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] key = base32Decode(base32Secret);
        if (key == null) {
            return OptionalLong.empty();
        }
        // A generator per call: it holds a Mac, which is not thread-safe.
        var generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);
        long now = currentStep();
        long found = -1;
        // Every step of the window is computed and compared in constant time, so timing tells nothing.
        for (long step = now - WINDOW; step <= now + WINDOW; step++) {
            boolean matches = MessageDigest.isEqual(code(generator, key, step).getBytes(StandardCharsets.US_ASCII),
                    digits.getBytes(StandardCharsets.US_ASCII));
            if (matches && (lastUsedStep == null || step > lastUsedStep) && found < 0) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    private static String code(TimeBasedOneTimePasswordGenerator generator, byte[] key, long step) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(key, "HmacSHA1"),
                    Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA1 key of any length is valid", e);
        }
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** Base32 (RFC 4648, padding and case ignored), or {@code null} for anything else. */
    static byte[] base32Decode(String text) {
        String clean = text.strip().replace("=", "").toUpperCase(Locale.ROOT);
        if (clean.isEmpty() || clean.length() > 128) {
            return null;
        }
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < clean.length(); i++) {
            int value = ALPHABET.indexOf(clean.charAt(i));
            if (value < 0) {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
