package io.vigil.server.collection;

import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.syslog.SyslogServer;
import io.vigil.ingest.tls.IssuedCertificate;
import io.vigil.store.collection.CollectorCertificate;
import io.vigil.store.collection.CollectorCertificates;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Issues collector certificates (CA + record) and revokes them: the record, the handshake cache and the
 * collector's open connections, so that a revocation takes effect without a restart.
 */
final class CollectorCertificateService {

    private final IngestTls tls;
    private final CollectorCertificates certificates;
    private final StoredCollectorVerifier verifier;
    private final SyslogServer syslog;
    private final Duration defaultValidity;

    CollectorCertificateService(IngestTls tls, CollectorCertificates certificates, StoredCollectorVerifier verifier,
                                SyslogServer syslog, Duration defaultValidity) {
        this.defaultValidity = defaultValidity;
        this.tls = tls;
        this.certificates = certificates;
        this.verifier = verifier;
        this.syslog = syslog;
    }

    IssuedCertificate issue(TenantId tenant, String collector, Duration validity) {
        IssuedCertificate issued = tls.ca().issueCollector(tenant, collector, validity == null ? defaultValidity : validity);
        certificates.record(tenant, issued.serialHex(), collector, issued.fingerprint(), issued.notBefore(), issued.notAfter());
        return issued;
    }

    /** @return whether the tenant has a certificate with this serial */
    boolean revoke(TenantId tenant, String serial) {
        if (!certificates.revoke(tenant, serial)) {
            return false;
        }
        verifier.forget(serial);
        syslog.disconnect(new BigInteger(serial, 16));
        return true;
    }

    java.util.List<CollectorCertificate> list(TenantId tenant) {
        return certificates.list(tenant);
    }

    java.util.Optional<CollectorCertificate> find(TenantId tenant, String serial) {
        return certificates.find(tenant, serial);
    }
}
