package io.vigil.server.search;

import io.vigil.core.access.Permission;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import io.vigil.core.search.EventStore;
import io.vigil.core.search.StorageUsage;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.server.security.Caller;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deletes all stored events of an offboarded tenant at once, instead of waiting for retention: platform
 * administration ({@code tenants.manage}), confirmed by the tenant's slug and recorded in the audit log with what
 * was deleted. A tenant that is not offboarded is refused, so that no live tenant loses its events by a slip.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class EventPurgeController {

    static final String ACTION = "events.purge";

    private final EventStore store;
    private final TenantResolver resolver;
    private final AuditSink audit;
    private final Clock clock;

    EventPurgeController(EventStore store, TenantResolver resolver, AuditSink audit, Clock clock) {
        this.store = store;
        this.resolver = resolver;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param deleted what the tenant's stored events took before the purge */
    record PurgeView(String tenant, StorageUsage deleted) {
    }

    @Requires(Permission.TENANTS_MANAGE)
    @DeleteMapping("/stored-events")
    PurgeView purge(@PathVariable String tenant, @RequestParam(required = false) String confirm,
                    HttpServletRequest request) {
        Tenant scope = resolver.resolve(tenant);
        String slug = scope.slug().value();
        if (scope.status() != TenantStatus.OFFBOARDED) {
            throw new IllegalArgumentException("tenant " + slug + " is " + scope.status().name().toLowerCase(
                    java.util.Locale.ROOT) + ": only an offboarded tenant's events can be purged (offboard it first)");
        }
        if (!slug.equals(confirm)) {
            throw new IllegalArgumentException("confirm must be the tenant's slug (" + slug + ") to purge its events");
        }
        StorageUsage deleted = store.deleteTenant(scope.id());
        Caller caller = Caller.current(request);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("events", Long.toString(deleted.events()));
        details.put("bytes", Long.toString(deleted.bytes()));
        details.put("partitions", Integer.toString(deleted.partitions()));
        if (deleted.oldestDay() != null) {
            details.put("days", deleted.oldestDay() + ".." + deleted.newestDay());
        }
        audit.record(AuditRecord.by(caller.actor(), clock.instant(), scope.id(), ACTION, slug, AuditOutcome.SUCCESS,
                caller.sourceIp(), caller.userAgent(), details));
        return new PurgeView(slug, deleted);
    }
}
