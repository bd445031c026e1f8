package io.vigil.store.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id, kept as a PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}).
 * The defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane); a stronger configuration is allowed,
 * a weaker one is refused. Stored hashes made with weaker parameters verify, and {@link #needsRehash} says so,
 * so that the next successful login can upgrade them.
 */
public final class Passwords {

    public static final int MIN_MEMORY_KIB = 19 * 1024;
    public static final int MIN_ITERATIONS = 2;
    public static final int MIN_PARALLELISM = 1;
    /** Presented passwords longer than this are refused (the policy allows 128 characters). */
    public static final int MAX_INPUT = 1024;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    // Stored hashes are trusted, but their parameters are still bounded: a corrupted row must not make one login
    // allocate gigabytes or spin for minutes.
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final String dummy;

    /** OWASP's parameters: m=19 MiB, t=2, p=1. */
    public Passwords() {
        this(MIN_MEMORY_KIB, MIN_ITERATIONS, MIN_PARALLELISM);
    }

    public Passwords(int memoryKib, int iterations, int parallelism) {
        if (memoryKib < MIN_MEMORY_KIB || memoryKib > MAX_MEMORY_KIB || iterations < MIN_ITERATIONS
                || iterations > MAX_ITERATIONS || parallelism < MIN_PARALLELISM || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id parameters must be at least m=" + MIN_MEMORY_KIB + " KiB, t="
                    + MIN_ITERATIONS + ", p=" + MIN_PARALLELISM + " (and at most m=" + MAX_MEMORY_KIB + ", t="
                    + MAX_ITERATIONS + ", p=" + MAX_PARALLELISM + ")");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        this.dummy = hash(B64.encodeToString(random));
    }

    /** A PHC string for the password, with a fresh random salt. */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        if (password.length() > MAX_INPUT) {
            throw new IllegalArgumentException("password longer than " + MAX_INPUT + " characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password matches the PHC string; compared in constant time. False for a malformed string. */
    public boolean verify(String password, String phc) {
        if (password == null || password.length() > MAX_INPUT) {
            return false;
        }
        Phc parsed = Phc.parse(phc);
        if (parsed == null) {
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
                parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /**
     * Does the work of one verification against a throwaway hash and returns false: a login for an unknown account
     * (or one without a password) must take as long as one with a wrong password.
     */
    public boolean verifyNothing(String password) {
        verify(password == null ? "" : password, dummy);
        return false;
    }

    /** Whether the hash was made with weaker parameters than this instance's (or is not Argon2id at all). */
    public boolean needsRehash(String phc) {
        Phc parsed = Phc.parse(phc);
        return parsed == null || parsed.memoryKib < memoryKib || parsed.iterations < iterations
                || parsed.parallelism < parallelism || parsed.hash.length < HASH_BYTES;
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            generator.generateBytes(bytes, out);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        return out;
    }

    private record Phc(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        static Phc parse(String phc) {
            if (phc == null) {
                return null;
            }
            String[] parts = phc.split("\\$", -1);
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            int m = -1;
            int t = -1;
            int p = -1;
            for (String parameter : parts[3].split(",", -1)) {
                int eq = parameter.indexOf('=');
                if (eq < 0) {
                    return null;
                }
                int value;
                try {
                    value = Integer.parseInt(parameter.substring(eq + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                switch (parameter.substring(0, eq)) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return null;
                    }
                }
            }
            if (m < 8 || m > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS || p < 1 || p > MAX_PARALLELISM) {
                return null;
            }
            try {
                byte[] salt = B64D.decode(parts[4]);
                byte[] hash = B64D.decode(parts[5]);
                if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
                    return null;
                }
                return new Phc(m, t, p, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
