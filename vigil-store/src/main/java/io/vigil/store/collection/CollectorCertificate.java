package io.vigil.store.collection;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A collector certificate as recorded at issue (never its private key).
 *
 * @param serial    lower-case hex serial number
 * @param revokedAt when it was revoked, {@code null} while it is valid
 */
public record CollectorCertificate(String serial, TenantId tenant, String collector, String fingerprintSha256,
                                   Instant notBefore, Instant notAfter, Instant issuedAt, Instant revokedAt) {

    public CollectorCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
