package io.vigil.store.soc.notify;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.notify.OutboundGuard;
import io.vigil.soc.notify.Route;
import io.vigil.soc.notify.Routes;
import io.vigil.store.soc.SocRecords;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link Routes} as records of kind {@code route}; the allowed private ranges as one record of kind {@code notify-policy}. */
public final class JdbcRoutes implements Routes {

    static final String KIND = "route";
    static final String POLICY = "notify-policy";
    public static final int MAX_RANGES = 20;

    /** The outbound policy of a tenant as stored. */
    public record Policy(List<String> allowedPrivateRanges) {
    }

    private final SocRecords records;

    public JdbcRoutes(SocRecords records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public List<Route> list(TenantId tenant) {
        return records.list(tenant, KIND, Route.class);
    }

    @Override
    public Optional<Route> find(TenantId tenant, UUID id) {
        return records.find(tenant, KIND, id, Route.class);
    }

    @Override
    public Route save(TenantId tenant, Route route) {
        if (!route.tenant().equals(tenant)) {
            throw new IllegalArgumentException("route of another tenant");
        }
        return records.save(tenant, KIND, route.id(), route);
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
        return records.delete(tenant, KIND, id);
    }

    @Override
    public List<String> allowedPrivateRanges(TenantId tenant) {
        List<Policy> policy = records.list(tenant, POLICY, Policy.class);
        return policy.isEmpty() ? List.of() : policy.getFirst().allowedPrivateRanges();
    }

    @Override
    public void setAllowedPrivateRanges(TenantId tenant, List<String> ranges) {
        if (ranges.size() > MAX_RANGES) {
            throw new IllegalArgumentException("at most " + MAX_RANGES + " allowed ranges");
        }
        List<String> valid = ranges.stream().map(OutboundGuard::validRange).toList();
        records.save(tenant, POLICY, tenant.value(), new Policy(valid));
    }
}
