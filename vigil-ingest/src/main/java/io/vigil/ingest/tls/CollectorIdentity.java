package io.vigil.ingest.tls;

import io.vigil.core.tenant.TenantId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a collector certificate names: its tenant and collector, carried in a URI subject alternative name
 * {@code urn:vigil:collector:<tenant uuid>:<collector>} that only the MSSP CA signs. The subject's CN
 * repeats the collector name and O the tenant id, for people reading the certificate.
 */
public record CollectorIdentity(TenantId tenant, String collector) {

    /** Collector names: letters, digits, dot, dash and underscore; safe in file names, subjects and URIs. */
    public static final Pattern COLLECTOR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final String URN_PREFIX = "urn:vigil:collector:";
    private static final Pattern URN = Pattern.compile(
            Pattern.quote(URN_PREFIX) + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(" + COLLECTOR_NAME + ")");
    private static final int SAN_URI = 6;

    public CollectorIdentity {
        if (tenant == null) {
            throw new IllegalArgumentException("tenant is required");
        }
        if (collector == null || !COLLECTOR_NAME.matcher(collector).matches()) {
            throw new IllegalArgumentException("collector name must be 1-63 characters of letters, digits, '.', '-' and '_',"
                    + " starting with a letter or digit");
        }
    }

    String urn() {
        return URN_PREFIX + tenant + ":" + collector;
    }

    /** The identity in a certificate's URI SAN; empty when it has none (or more than one). */
    public static Optional<CollectorIdentity> of(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            CollectorIdentity found = null;
            for (List<?> name : names) {
                if (name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0)) && name.get(1) instanceof String uri) {
                    Matcher matcher = URN.matcher(uri);
                    if (matcher.matches()) {
                        if (found != null) {
                            return Optional.empty(); // two identities: trust neither
                        }
                        found = new CollectorIdentity(new TenantId(UUID.fromString(matcher.group(1))), matcher.group(2));
                    }
                }
            }
            return Optional.ofNullable(found);
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }

    /** SHA-256 of the DER certificate, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
