package io.vigil.store.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The Ed25519 key that signs audit checkpoints. It lives in two PEM files in a directory of the data directory:
 * {@value #PRIVATE_FILE} (PKCS#8, mode 0600) and {@value #PUBLIC_FILE} (X.509 SubjectPublicKeyInfo, what auditors
 * are given). Both are created on first start. Signatures are pure Ed25519 (RFC 8032), which
 * {@code openssl pkeyutl -verify -rawin} checks.
 */
public final class AuditSigningKey {

    public static final String PRIVATE_FILE = "audit-signing-key.pem";
    public static final String PUBLIC_FILE = "audit-public.pem";
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    /**
     * The key kept in {@code directory}, created there if it has none yet.
     *
     * @throws IllegalStateException if the files exist but do not hold a matching Ed25519 key pair
     */
    public static AuditSigningKey loadOrCreate(Path directory) {
        Path privateFile = directory.resolve(PRIVATE_FILE);
        Path publicFile = directory.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privateFile)) {
                create(directory, privateFile, publicFile);
            }
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pem(privateFile, "PRIVATE KEY")));
            PublicKey publicKey = readPublicPem(Files.readString(publicFile, StandardCharsets.US_ASCII));
            AuditSigningKey key = new AuditSigningKey(privateKey, publicKey);
            byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
            if (!verify(publicKey, probe, key.sign(probe))) {
                throw new IllegalStateException(publicFile + " is not the public key of " + privateFile);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key in " + directory, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the audit signing key in " + directory + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static void create(Path directory, Path privateFile, Path publicFile) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        Path temporary = directory.resolve(PRIVATE_FILE + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary); // the data directory's own permissions apply
        }
        Files.writeString(temporary, toPem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(publicFile, toPem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        try {
            // The private file appears last and whole: a crash never leaves a private key without its public key.
            Files.move(temporary, privateFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(temporary);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as PEM, the file auditors verify with. */
    public String publicPem() {
        return toPem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** A checkpoint of {@code seq} with head {@code headHash}, signed now. */
    public AuditCheckpoint checkpoint(long seq, String headHash, Instant at) {
        byte[] signature = sign(AuditCheckpoint.message(seq, headHash, at));
        return new AuditCheckpoint(seq, at, headHash, Base64.getEncoder().encodeToString(signature), keyId);
    }

    byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with Ed25519 failed", e);
        }
    }

    /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code message}. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The first 16 hex digits of the SHA-256 of the public key's DER encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /**
     * An Ed25519 public key from PEM ({@code -----BEGIN PUBLIC KEY-----}).
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static PublicKey readPublicPem(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static byte[] pem(Path file, String type) throws IOException {
        return pemBody(Files.readString(file, StandardCharsets.US_ASCII), type);
    }

    private static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no '" + begin + "' block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String toPem(String type, byte[] der) {
        Objects.requireNonNull(der, "der");
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
