package io.vigil.server.search;

import io.vigil.core.access.Permission;
import io.vigil.core.search.StorageUsage;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.config.SearchSettings;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.search.LuceneEventStore;
import io.vigil.store.search.RetentionPolicies;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's event retention (its own or the default) and what its stored events take. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class RetentionController {

    private final LuceneEventStore store;
    private final RetentionPolicies policies;
    private final RetentionJob job;
    private final SearchSettings settings;
    private final TenantResolver resolver;

    RetentionController(LuceneEventStore store, RetentionPolicies policies, RetentionJob job, SearchSettings settings,
                        TenantResolver resolver) {
        this.store = store;
        this.policies = policies;
        this.job = job;
        this.settings = settings;
        this.resolver = resolver;
    }

    /** @param source {@code tenant} (its own) or {@code default} */
    record RetentionView(int days, String source, int defaultDays, LocalDate firstKeptDay, Instant changedAt,
                         String changedBy, StorageUsage usage) {
    }

    record RetentionBody(Integer days) {
    }

    @Requires(Permission.EVENTS_READ)
    @GetMapping("/retention")
    RetentionView retention(@PathVariable String tenant) {
        return view(resolver.resolve(tenant));
    }

    @Requires(Permission.EVENTS_READ)
    @GetMapping("/storage")
    StorageUsage storage(@PathVariable String tenant) {
        return store.usage(resolver.resolve(tenant).id());
    }

    @Requires(Permission.TENANTS_MANAGE)
    @PutMapping("/retention")
    RetentionView setRetention(@PathVariable String tenant, @RequestBody RetentionBody body, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        if (body == null || body.days() == null) {
            throw new IllegalArgumentException("days is required (1-" + RetentionPolicies.MAX_DAYS + ")");
        }
        policies.set(scope.id(), body.days(), caller == null ? "unknown" : caller.getName());
        return view(scope);
    }

    @Requires(Permission.TENANTS_MANAGE)
    @DeleteMapping("/retention")
    RetentionView resetRetention(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        policies.clear(scope.id());
        return view(scope);
    }

    private RetentionView view(Tenant tenant) {
        var own = policies.find(tenant.id());
        return new RetentionView(own.map(RetentionPolicies.Retention::days).orElse(settings.defaultRetentionDays()),
                own.isPresent() ? "tenant" : "default", settings.defaultRetentionDays(), job.firstKeptDay(tenant.id()),
                own.map(RetentionPolicies.Retention::changedAt).orElse(null),
                own.map(RetentionPolicies.Retention::changedBy).orElse(null), store.usage(tenant.id()));
    }
}
