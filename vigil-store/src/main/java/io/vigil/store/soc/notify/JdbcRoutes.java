package io.vigil.store.soc.notify;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.Priority;
import io.vigil.soc.notify.Channel;
import io.vigil.soc.notify.NotificationKind;
import io.vigil.soc.notify.OutboundGuard;
import io.vigil.soc.notify.Route;
import io.vigil.soc.notify.Routes;
import io.vigil.store.secret.SecretBox;
import io.vigil.store.soc.SocRecords;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Routes} as records of kind {@code route}; the allowed private ranges as one record of kind
 * {@code notify-policy}. A webhook's signing secret is stored sealed under the data key ({@link SecretBox}), bound to
 * its tenant and route, so a database dump or backup does not let anyone sign notifications; a secret stored in plain
 * form by an earlier version, or sealed under an older data key, is read as it is and sealed anew by
 * {@link #resealSecrets}.
 */
public final class JdbcRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRoutes.class);

    static final String KIND = "route";
    static final String POLICY = "notify-policy";
    public static final int MAX_RANGES = 20;

    /** The outbound policy of a tenant as stored. */
    public record Policy(List<String> allowedPrivateRanges) {
    }

    /** A route as stored: {@link Route}'s fields, its {@code secret} sealed (or plain, from before sealing). */
    record Stored(UUID id, TenantId tenant, String name, Channel channel, String target, String secret,
                  Set<Priority> priorities, Set<NotificationKind> events, int minEscalationStep) {
    }

    private final SocRecords records;
    private final SecretBox box;

    public JdbcRoutes(SocRecords records, SecretBox box) {
        this.records = Objects.requireNonNull(records, "records");
        this.box = Objects.requireNonNull(box, "box");
    }

    @Override
    public List<Route> list(TenantId tenant) {
        return records.list(tenant, KIND, Stored.class).stream().map(this::route).toList();
    }

    @Override
    public Optional<Route> find(TenantId tenant, UUID id) {
        return records.find(tenant, KIND, id, Stored.class).map(this::route);
    }

    @Override
    public Route save(TenantId tenant, Route route) {
        if (!route.tenant().equals(tenant)) {
            throw new IllegalArgumentException("route of another tenant");
        }
        String secret = route.secret() == null ? null : box.seal(route.secret(), context(route.tenant(), route.id()));
        records.save(tenant, KIND, route.id(), new Stored(route.id(), route.tenant(), route.name(), route.channel(),
                route.target(), secret, route.priorities(), route.events(), route.minEscalationStep()));
        return route;
    }

    /**
     * Seals under the current data key the tenant's webhook secrets that are not: stored in plain form by an earlier
     * version, or sealed under an older key (after {@link SecretBox#rotate}). Returns how many. A secret that opens
     * under none of the box's keys (the key file was lost or replaced) is left as it is and logged; its route fails
     * until the secret is set again.
     */
    public int resealSecrets(TenantId tenant) {
        int sealed = 0;
        for (Stored stored : records.list(tenant, KIND, Stored.class)) {
            if (stored.secret() != null && !box.isUnderCurrentKey(stored.secret())) {
                Route route;
                try {
                    route = route(stored);
                } catch (IllegalStateException e) {
                    LOG.warn("{}; left as it is, set the route's secret again", e.getMessage());
                    continue;
                }
                save(tenant, route);
                sealed++;
            }
        }
        return sealed;
    }

    private Route route(Stored stored) {
        String secret = stored.secret();
        if (SecretBox.isSealed(secret)) {
            try {
                secret = box.open(secret, context(stored.tenant(), stored.id()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the secret of notification route " + stored.id()
                        + " cannot be decrypted with this data key: " + e.getMessage());
            }
        }
        return new Route(stored.id(), stored.tenant(), stored.name(), stored.channel(), stored.target(), secret,
                stored.priorities(), stored.events(), stored.minEscalationStep());
    }

    private static String context(TenantId tenant, UUID route) {
        return "route:" + tenant.value() + ":" + route;
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
