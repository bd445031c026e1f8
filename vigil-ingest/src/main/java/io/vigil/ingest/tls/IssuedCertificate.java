package io.vigil.ingest.tls;

import io.vigil.core.tenant.TenantId;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate the CA just issued, with its private key (which Vigil does not keep) and PEM forms of
 * both and of the CA certificate, as a collector installs them.
 */
public record IssuedCertificate(TenantId tenant, String collector, X509Certificate certificate, PrivateKey privateKey,
                                String certificatePem, String privateKeyPem, String caCertificatePem) {

    public IssuedCertificate {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }

    /** The serial as lower-case hex, the form stored and shown. */
    public String serialHex() {
        return serial().toString(16);
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    public String fingerprint() {
        return CollectorIdentity.fingerprint(certificate);
    }
}
