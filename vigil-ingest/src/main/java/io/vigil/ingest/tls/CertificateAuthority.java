package io.vigil.ingest.tls;

import io.vigil.core.tenant.TenantId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The MSSP's own certificate authority for collectors. Its key and certificate are created at first
 * start in a directory of the data dir ({@code ca.key} readable by the owner only, {@code ca.crt}) and
 * loaded afterwards. It issues collector certificates that carry tenant and collector in a URI SAN (see
 * {@link CollectorIdentity}) and server certificates for Vigil's own TLS listeners.
 *
 * <p>Keys are ECDSA P-256: small, fast to handshake, and supported by GnuTLS and OpenSSL collectors.
 * Serial numbers are 127 random bits, so they never repeat and reveal nothing.
 */
public final class CertificateAuthority {

    public static final String KEY_FILE = "ca.key";
    public static final String CERT_FILE = "ca.crt";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String certificatePem;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(PrivateKey key, X509Certificate certificate, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.certificatePem = pem(certificate);
        this.clock = clock;
    }

    /** Loads the CA from {@code directory}, creating it (key 0600) when the directory has none. */
    public static synchronized CertificateAuthority openOrCreate(Path directory, String name, Clock clock) {
        Objects.requireNonNull(directory, "directory");
        Path keyFile = directory.resolve(KEY_FILE);
        Path certFile = directory.resolve(CERT_FILE);
        try {
            if (Files.exists(keyFile) && Files.exists(certFile)) {
                return new CertificateAuthority(readKey(Files.readString(keyFile)), readCertificate(Files.readString(certFile)), clock);
            }
            if (Files.exists(keyFile) || Files.exists(certFile)) {
                throw new IllegalStateException("the CA directory " + directory + " holds only one of " + KEY_FILE + " and "
                        + CERT_FILE + ": restore the other or move both away");
            }
            Files.createDirectories(directory);
            KeyPair pair = newKeyPair();
            Instant now = clock.instant();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Vigil")
                    .addRDN(BCStyle.CN, name).build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate ca = sign(builder, pair.getPrivate());
            writePrivate(keyFile, pem(pair));
            writeAtomically(certFile, pem(ca));
            return new CertificateAuthority(pair.getPrivate(), ca, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the certificate authority in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the certificate authority", e);
        }
    }

    /** A client certificate for one collector of one tenant. */
    public IssuedCertificate issueCollector(TenantId tenant, String collector, Duration validity) {
        CollectorIdentity identity = new CollectorIdentity(tenant, collector);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, tenant.toString())
                .addRDN(BCStyle.OU, "vigil-collector").addRDN(BCStyle.CN, collector).build();
        GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.uniformResourceIdentifier, identity.urn())});
        KeyPair pair = newKeyPair();
        X509Certificate issued = issue(subject, pair, names, KeyPurposeId.id_kp_clientAuth, validity);
        return new IssuedCertificate(tenant, collector, issued, pair.getPrivate(), pem(issued), pem(pair),
                certificatePem);
    }

    /** A server certificate for Vigil's TLS listeners, valid for the given DNS names or IP addresses. */
    public ServerCredentials issueServer(List<String> hostNames, Duration validity) {
        if (hostNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one host name");
        }
        GeneralName[] names = hostNames.stream().map(host -> host.matches("[0-9.]+|.*:.*")
                ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host))
                .toArray(GeneralName[]::new);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Vigil")
                .addRDN(BCStyle.CN, hostNames.getFirst()).build();
        KeyPair pair = newKeyPair();
        X509Certificate issued = issue(subject, pair, new GeneralNames(names), KeyPurposeId.id_kp_serverAuth, validity);
        return new ServerCredentials(pair.getPrivate(), List.of(issued, certificate));
    }

    private X509Certificate issue(X500Name subject, KeyPair pair, GeneralNames names, KeyPurposeId purpose,
                                  Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        Instant now = clock.instant();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant(); // never outlive the CA
        }
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, randomSerial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(notAfter), subject, pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.subjectAlternativeName, false, names);
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            return sign(builder, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return certificatePem;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger randomSerial(SecureRandom random) {
        return new BigInteger(127, random).setBit(120); // positive, and at least 16 bytes long
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator", e);
        }
    }

    /**
     * An EC key pair's private key as SEC1 PEM ({@code EC PRIVATE KEY}) with the curve and the public key
     * inside: GnuTLS (rsyslog's TLS driver) refuses EC private keys without their public key, which is how
     * the JDK encodes them.
     */
    static String pem(KeyPair pair) {
        return pem(pair.getPrivate(), pair.getPublic());
    }

    /** The server's private key as SEC1 PEM (see {@link #pem(KeyPair)}), e.g. for another TLS server in a benchmark. */
    public static String pemOf(ServerCredentials server) {
        return pem(server.key(), server.chain().getFirst().getPublicKey());
    }

    private static String pem(PrivateKey privateKey, java.security.PublicKey publicKeyOfPair) {
        java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) privateKey;
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo publicKey =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(publicKeyOfPair.getEncoded());
        try {
            byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(key.getParams().getOrder().bitLength(), key.getS(),
                    publicKey.getPublicKeyData(), publicKey.getAlgorithm().getParameters()).getEncoded();
            return pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PEM of a certificate (or another PEM object), or of a private key as unencrypted PKCS#8. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof PrivateKey privateKey ? new JcaPKCS8Generator(privateKey, null) : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A private key from PEM (PKCS#8 or traditional EC/RSA). */
    public static PrivateKey readKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (object) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case null, default -> throw new IOException("no private key in the PEM text");
            };
        }
    }

    /** A certificate from PEM. */
    public static X509Certificate readCertificate(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof X509CertificateHolder holder) {
                return new JcaX509CertificateConverter().getCertificate(holder);
            }
            throw new IOException("no certificate in the PEM text");
        } catch (GeneralSecurityException e) {
            throw new IOException("unreadable certificate: " + e.getMessage(), e);
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("concurrent CA creation in " + file.getParent(), e);
        }
        Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
        move(temporary, file);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        move(temporary, file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
