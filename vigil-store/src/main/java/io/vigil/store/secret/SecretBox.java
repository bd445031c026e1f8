package io.vigil.store.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that must be read back (TOTP seeds and webhook signing secrets, unlike issued secrets, cannot be
 * kept as a hash) with AES-256-GCM under a key kept in a file of the data directory, apart from the database:
 * whoever reads only the database (a dump, a backup, a read-only SQL injection) learns nothing of them.
 *
 * <p>A sealed value is {@code v1:} followed by base64 of a 12-byte random nonce and the ciphertext with its 16-byte
 * tag. The caller's context (the owning row's id) is authenticated with it, so a value copied to another row does
 * not open there. The key file holds 32 random bytes in base64, is created on first use with mode 0600, and is never
 * rotated by Vigil; losing it makes every sealed value unreadable (for TOTP: everyone re-enrols; webhook secrets
 * must be set again).
 */
public final class SecretBox {

    /** The key file's name inside its directory. */
    public static final String KEY_FILE = "data-key";
    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** A sealed value longer than this is not one of ours. */
    public static final int MAX_SEALED = 4_096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a data key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A box with a fresh random key that lives only in memory (tests, throwaway databases). */
    public static SecretBox withRandomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new SecretBox(key);
    }

    /**
     * The box whose key is {@code directory/data-key}, creating the directory (0700) and the key (0600) when absent.
     *
     * @throws IllegalStateException if the file exists but does not hold a key
     */
    public static SecretBox loadOrCreate(Path directory) {
        Path file = directory.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + " does not hold a base64 data key", e);
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException(file + " does not hold a " + KEY_BYTES + "-byte data key");
            }
            return new SecretBox(key);
        } catch (IOException e) {
            throw new UncheckedIOException("reading or creating the data key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        PrivateFiles.write(file, Base64.getEncoder().encodeToString(key) + "\n", false); // a racing process's key wins
    }

    /** Whether a stored value is sealed (rather than a plain value from before sealing). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(VERSION);
    }

    /** Encrypts {@code plain}, bound to {@code context}. */
    public String seal(String plain, String context) {
        Objects.requireNonNull(plain, "plain");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same context.
     *
     * @throws IllegalArgumentException if it is not a sealed value, was changed, belongs to another context or was
     *                                  sealed under another key (the message never quotes the value)
     */
    public String open(String sealed, String context) {
        if (!isSealed(sealed) || sealed.length() > MAX_SEALED) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed value that is not base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed value too short to hold a nonce and a tag");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), context);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("a sealed value that does not open: changed, moved or under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(Objects.requireNonNull(context, "context").getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[key=***]";
    }
}
