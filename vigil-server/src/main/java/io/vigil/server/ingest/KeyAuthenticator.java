package io.vigil.server.ingest;

import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.ingest.http.IngestAuthenticator;
import io.vigil.ingest.http.IngestPrincipal;
import io.vigil.server.tenant.TenantStatusChanged;
import io.vigil.store.ingestkey.IngestKey;
import io.vigil.store.ingestkey.IngestKeys;
import io.vigil.store.tenant.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.event.EventListener;

/**
 * Ingest keys → tenant and its status. Key verification caches inside {@link IngestKeys}; tenant status
 * is cached here for {@link #STATUS_TTL}, so suspending a tenant stops its ingest within that bound.
 */
final class KeyAuthenticator implements IngestAuthenticator {

    static final Duration STATUS_TTL = Duration.ofSeconds(5);

    private final IngestKeys keys;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final ConcurrentMap<TenantId, CachedStatus> statuses = new ConcurrentHashMap<>();

    KeyAuthenticator(IngestKeys keys, TenantDirectory tenants, Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.clock = clock;
    }

    private record CachedStatus(TenantStatus status, Instant until) {
    }

    @Override
    public Optional<IngestPrincipal> authenticate(String presentedKey) {
        Optional<IngestKey> key = keys.verify(presentedKey);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        IngestKey found = key.get();
        Optional<TenantStatus> status = status(found.tenant());
        return status.map(s -> new IngestPrincipal(found.tenant(), s, found.id().toString(), found.label()));
    }

    private Optional<TenantStatus> status(TenantId tenant) {
        Instant now = clock.instant();
        CachedStatus cached = statuses.get(tenant);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.status());
        }
        Optional<TenantStatus> status = tenants.find(tenant).map(Tenant::status);
        status.ifPresent(s -> statuses.put(tenant, new CachedStatus(s, now.plus(STATUS_TTL))));
        return status;
    }

    /** A status change made in this process takes effect at once; other processes see it within the TTL. */
    @EventListener
    void on(TenantStatusChanged change) {
        statuses.remove(change.tenant());
    }
}
