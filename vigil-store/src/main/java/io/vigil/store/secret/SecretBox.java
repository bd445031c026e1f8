package io.vigil.store.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that must be read back (TOTP seeds and webhook signing secrets, unlike issued secrets, cannot be
 * kept as a hash) with AES-256-GCM under a data key kept in a file of the data directory, apart from the database:
 * whoever reads only the database (a dump, a backup, a read-only SQL injection) learns nothing of them.
 *
 * <p>A sealed value is {@code v2:}, the key's id (eight hex digits of the key's SHA-256), {@code :} and base64 of a
 * 12-byte random nonce and the ciphertext with its 16-byte tag; values sealed before keys had ids start {@code v1:}
 * and are opened by trying each key. The caller's context (the owning row's id) is authenticated with it, so a
 * value copied to another row does not open there.
 *
 * <p>The key file holds one 32-byte key in base64 per line, created on first use with mode 0600: the first line is
 * the current key, which seals; the others are older keys, kept only while a rotation re-seals what they sealed.
 * {@link #rotate} puts a new current key in front, {@link #retire} drops the older ones once nothing needs them. Each
 * change replaces the file in one atomic move, so a crash leaves either file whole. Losing the file makes every
 * sealed value unreadable (for TOTP: everyone re-enrols; webhook secrets must be set again).
 */
public final class SecretBox {

    /** The key file's name inside its directory. */
    public static final String KEY_FILE = "data-key";
    private static final String LEGACY = "v1:";
    private static final String VERSION = "v2:";
    private static final int KEY_BYTES = 32;
    private static final int ID_CHARS = 8;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** A sealed value longer than this is not one of ours. */
    public static final int MAX_SEALED = 4_096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One data key and its id. */
    private record Key(String id, SecretKeySpec spec, String encoded) {

        static Key of(byte[] bytes) {
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("a data key has " + KEY_BYTES + " bytes, not " + bytes.length);
            }
            try {
                String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, ID_CHARS / 2);
                return new Key(id, new SecretKeySpec(bytes, "AES"), Base64.getEncoder().encodeToString(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        static Key random() {
            byte[] bytes = new byte[KEY_BYTES];
            RANDOM.nextBytes(bytes);
            return of(bytes);
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    /** Null for a box that lives only in memory. */
    private final Path file;
    /** The current key first; replaced whole, never changed in place. */
    private volatile List<Key> keys;

    private SecretBox(Path file, List<Key> keys) {
        this.file = file;
        this.keys = List.copyOf(keys);
    }

    /** A box with a fresh random key that lives only in memory (tests, throwaway databases). */
    public static SecretBox withRandomKey() {
        return new SecretBox(null, List.of(Key.random()));
    }

    /**
     * The box whose keys are in {@code directory/data-key}, creating the directory (0700) and a key (0600) when absent.
     *
     * @throws IllegalStateException if the file exists but does not hold keys
     */
    public static SecretBox loadOrCreate(Path directory) {
        Path file = directory.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                PrivateFiles.write(file, Key.random().encoded() + "\n", false); // a racing process's key wins
            }
            List<Key> keys = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(line.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(file + " does not hold a base64 data key", e);
                }
                if (bytes.length != KEY_BYTES) {
                    throw new IllegalStateException(file + " does not hold a " + KEY_BYTES + "-byte data key");
                }
                keys.add(Key.of(bytes));
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException(file + " does not hold a data key");
            }
            return new SecretBox(file, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("reading or creating the data key " + file, e);
        }
    }

    /** Whether a stored value is sealed (rather than a plain value from before sealing). */
    public static boolean isSealed(String stored) {
        return stored != null && (stored.startsWith(VERSION) || stored.startsWith(LEGACY));
    }

    /** The current key's id: what {@link #seal} writes into each value. */
    public String currentKeyId() {
        return keys.getFirst().id();
    }

    /** The ids of the keys this box can open with, the current one first. */
    public List<String> keyIds() {
        return keys.stream().map(Key::id).toList();
    }

    /** Whether {@code sealed} is sealed under the current key (a rotation has nothing to do for it). */
    public boolean isUnderCurrentKey(String sealed) {
        return sealed != null && sealed.startsWith(VERSION + currentKeyId() + ":");
    }

    /** Encrypts {@code plain}, bound to {@code context}, under the current key. */
    public String seal(String plain, String context) {
        Objects.requireNonNull(plain, "plain");
        Key key = keys.getFirst();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, context);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same context, under whichever of the box's keys sealed it.
     *
     * @throws IllegalArgumentException if it is not a sealed value, was changed, belongs to another context or was
     *                                  sealed under a key this box does not hold (the message never quotes the value)
     */
    public String open(String sealed, String context) {
        if (!isSealed(sealed) || sealed.length() > MAX_SEALED) {
            throw new IllegalArgumentException("not a sealed value");
        }
        List<Key> candidates = keys;
        String payload;
        if (sealed.startsWith(VERSION)) {
            int colon = sealed.indexOf(':', VERSION.length());
            if (colon < 0) {
                throw new IllegalArgumentException("a sealed value without a key id");
            }
            String id = sealed.substring(VERSION.length(), colon);
            candidates = candidates.stream().filter(k -> k.id().equals(id)).toList();
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("a sealed value under data key " + id
                        + ", which this installation no longer holds");
            }
            payload = sealed.substring(colon + 1);
        } else {
            payload = sealed.substring(LEGACY.length());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed value that is not base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed value too short to hold a nonce and a tag");
        }
        for (Key key : candidates) {
            try {
                Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(bytes, NONCE_BYTES), context);
                return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                        StandardCharsets.UTF_8);
            } catch (javax.crypto.AEADBadTagException e) {
                // not this key, or changed, or moved: try the next key
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is part of every JDK", e);
            }
        }
        throw new IllegalArgumentException("a sealed value that does not open: changed, moved or under another key");
    }

    /**
     * Makes a new random key the current one, keeping the others so that what they sealed still opens, and writes
     * the key file before any value is sealed under the new key. Returns the new key's id.
     */
    public synchronized String rotate() {
        List<Key> rotated = new ArrayList<>();
        rotated.add(Key.random());
        rotated.addAll(keys);
        store(rotated);
        keys = List.copyOf(rotated);
        return rotated.getFirst().id();
    }

    /** Drops every key but the current one; call once nothing sealed under them is left. Returns the dropped ids. */
    public synchronized List<String> retire() {
        List<Key> kept = List.of(keys.getFirst());
        List<String> dropped = keys.stream().skip(1).map(Key::id).toList();
        store(kept);
        keys = kept;
        return dropped;
    }

    private void store(List<Key> ring) {
        if (file == null) {
            return;
        }
        StringBuilder content = new StringBuilder();
        ring.forEach(k -> content.append(k.encoded()).append('\n'));
        try {
            PrivateFiles.write(file, content.toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the data key file " + file, e);
        }
    }

    private static Cipher cipher(int mode, Key key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(Objects.requireNonNull(context, "context").getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[keys=" + keyIds() + "]";
    }
}
