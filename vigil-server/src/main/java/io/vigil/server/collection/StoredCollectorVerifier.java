package io.vigil.server.collection;

import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.syslog.CollectorVerifier;
import io.vigil.ingest.syslog.Sender;
import io.vigil.ingest.tls.CollectorIdentity;
import io.vigil.server.tenant.TenantStatusChanged;
import io.vigil.store.collection.CollectorCertificate;
import io.vigil.store.collection.CollectorCertificates;
import io.vigil.store.tenant.TenantDirectory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;

/**
 * Checks a collector certificate at handshake against what the CA recorded: issued here (its serial is in
 * the store), for the tenant and collector the certificate names, not revoked, and its tenant accepts
 * telemetry. Lookups are cached for {@code ttl}; a revocation or status change made through this server
 * drops the entry at once.
 */
final class StoredCollectorVerifier implements CollectorVerifier {

    /** Entries beyond this are not cached (a flood of distinct certificates costs lookups, not memory). */
    static final int CACHE_LIMIT = 50_000;

    private final CollectorCertificates certificates;
    private final TenantDirectory tenants;
    private final String codec;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Verdict verdict, TenantId tenant, Instant until) {
    }

    StoredCollectorVerifier(CollectorCertificates certificates, TenantDirectory tenants, String codec, Duration ttl,
                            Clock clock) {
        this.certificates = certificates;
        this.tenants = tenants;
        this.codec = codec;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Verdict verify(X509Certificate certificate) {
        String serial = certificate.getSerialNumber().toString(16);
        Instant now = clock.instant();
        Cached cached = cache.get(serial);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.verdict();
        }
        Optional<CollectorIdentity> identity = CollectorIdentity.of(certificate);
        Verdict verdict;
        TenantId tenant = identity.map(CollectorIdentity::tenant).orElse(null);
        if (identity.isEmpty()) {
            verdict = new Verdict.Refused("certificate " + serial + " names no collector");
        } else {
            verdict = check(serial, identity.get());
        }
        if (cache.size() < CACHE_LIMIT) {
            cache.put(serial, new Cached(verdict, tenant, now.plus(ttl)));
        }
        return verdict;
    }

    private Verdict check(String serial, CollectorIdentity identity) {
        Optional<CollectorCertificate> recorded = certificates.bySerial(serial);
        if (recorded.isEmpty()) {
            return new Verdict.Refused("certificate " + serial + " was not issued by this CA's records");
        }
        CollectorCertificate record = recorded.get();
        if (!record.tenant().equals(identity.tenant()) || !record.collector().equals(identity.collector())) {
            return new Verdict.Refused("certificate " + serial + " does not match its record");
        }
        if (record.revoked()) {
            return new Verdict.Refused("certificate " + serial + " of collector " + record.collector() + " is revoked");
        }
        Optional<Tenant> tenant = tenants.find(record.tenant());
        if (tenant.isEmpty() || !tenant.get().status().acceptsTelemetry()) {
            return new Verdict.Refused("tenant " + record.tenant() + " does not accept telemetry");
        }
        return new Verdict.Accepted(new Sender(record.tenant(), record.collector(), codec));
    }

    void forget(String serial) {
        cache.remove(serial);
    }

    @EventListener
    void on(TenantStatusChanged change) {
        cache.values().removeIf(entry -> change.tenant().equals(entry.tenant()));
    }
}
