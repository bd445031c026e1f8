package io.vigil.server.collection;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.ingest.admission.RateLimit;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.collection.RateLimits;
import java.security.Principal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's ingest rate (token bucket at admission): its own, or the configured default. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/collectors/rate-limit")
class RateLimitController {

    private final RateLimits limits;
    private final TenantAdmission admission;
    private final TenantResolver resolver;

    RateLimitController(RateLimits limits, TenantAdmission admission, TenantResolver resolver) {
        this.limits = limits;
        this.admission = admission;
        this.resolver = resolver;
    }

    record LimitBody(Double eventsPerSecond, Long burst) {
    }

    /** @param source {@code tenant} (its own) or {@code default} */
    record LimitView(double eventsPerSecond, long burst, String source, boolean enforced) {
    }

    @Requires(Permission.SOURCES_READ)
    @GetMapping
    LimitView get(@PathVariable String tenant) {
        return view(resolver.resolve(tenant));
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @PutMapping
    LimitView set(@PathVariable String tenant, @RequestBody LimitBody body, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = new Validation();
        validation.require(body != null && body.eventsPerSecond() != null, "eventsPerSecond", "required");
        validation.require(body != null && body.burst() != null, "burst", "required");
        validation.throwIfInvalid("rate limit");
        RateLimit limit = validation.field("eventsPerSecond", () -> new RateLimit(body.eventsPerSecond(), body.burst()));
        validation.throwIfInvalid("rate limit");
        limits.set(scope.id(), limit.eventsPerSecond(), limit.burst(), caller == null ? "unknown" : caller.getName());
        admission.setOverride(scope.id(), limit);
        return view(scope);
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @DeleteMapping
    LimitView reset(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        limits.delete(scope.id());
        admission.setOverride(scope.id(), null);
        return view(scope);
    }

    private LimitView view(Tenant tenant) {
        RateLimit limit = admission.limit(tenant.id());
        return new LimitView(limit.eventsPerSecond(), limit.burst(),
                admission.override(tenant.id()).isPresent() ? "tenant" : "default", admission.config().enabled());
    }
}
