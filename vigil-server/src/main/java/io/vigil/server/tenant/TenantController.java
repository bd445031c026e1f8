package io.vigil.server.tenant;

import io.vigil.core.access.Access;
import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Authenticated;
import io.vigil.server.security.Requires;
import io.vigil.server.security.VigilPrincipal;
import io.vigil.store.tenant.TenantDirectory;
import java.time.ZoneId;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants: creating and changing them is platform administration ({@code /api/v1/platform/…}); reading one needs
 * {@code tenant.read} on it, and the list shows only the tenants the caller can see.
 */
@RestController
@RequestMapping("/api/v1/platform/tenants")
class TenantController {

    private final TenantDirectory tenants;
    private final TenantResolver resolver;
    private final ApplicationEventPublisher events;

    TenantController(TenantDirectory tenants, TenantResolver resolver, ApplicationEventPublisher events) {
        this.tenants = tenants;
        this.resolver = resolver;
        this.events = events;
    }

    record CreateTenant(String slug, String displayName, String timezone) {
    }

    record UpdateTenant(String displayName, String timezone) {
    }

    @Authenticated
    @GetMapping
    List<TenantView> list() {
        Access access = VigilPrincipal.current().orElseThrow().access();
        return tenants.list().stream().filter(t -> access.sees(t.id())).map(TenantView::of).toList();
    }

    @Requires(Permission.TENANTS_MANAGE)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TenantView create(@RequestBody CreateTenant request) {
        Validation validation = new Validation();
        TenantSlug slug = validation.field("slug", () -> new TenantSlug(request.slug()));
        String name = validation.field("displayName", () -> Tenant.requireDisplayName(request.displayName()));
        ZoneId zone = request.timezone() == null ? ZoneId.of("UTC") : validation.field("timezone", () -> zone(request.timezone()));
        validation.throwIfInvalid("tenant");
        return TenantView.of(tenants.create(slug, name, zone));
    }

    @Requires(Permission.TENANT_READ)
    @GetMapping("/{tenant}")
    TenantView show(@PathVariable String tenant) {
        return TenantView.of(resolver.resolve(tenant));
    }

    @Requires(Permission.TENANTS_MANAGE)
    @PatchMapping("/{tenant}")
    TenantView update(@PathVariable String tenant, @RequestBody UpdateTenant request) {
        Tenant current = resolver.resolve(tenant);
        Validation validation = new Validation();
        String name = request.displayName() == null ? null
                : validation.field("displayName", () -> Tenant.requireDisplayName(request.displayName()));
        ZoneId zone = request.timezone() == null ? null : validation.field("timezone", () -> zone(request.timezone()));
        validation.throwIfInvalid("tenant update");
        return TenantView.of(tenants.update(current.id(), name, zone));
    }

    @Requires(Permission.TENANTS_MANAGE)
    @PostMapping("/{tenant}/suspend")
    TenantView suspend(@PathVariable String tenant) {
        return changeStatus(tenant, TenantStatus.SUSPENDED);
    }

    @Requires(Permission.TENANTS_MANAGE)
    @PostMapping("/{tenant}/activate")
    TenantView activate(@PathVariable String tenant) {
        return changeStatus(tenant, TenantStatus.ACTIVE);
    }

    @Requires(Permission.TENANTS_MANAGE)
    @PostMapping("/{tenant}/offboard")
    TenantView offboard(@PathVariable String tenant) {
        return changeStatus(tenant, TenantStatus.OFFBOARDED);
    }

    private TenantView changeStatus(String tenant, TenantStatus status) {
        Tenant changed = tenants.changeStatus(resolver.resolve(tenant).id(), status);
        events.publishEvent(new TenantStatusChanged(changed.id(), changed.status()));
        return TenantView.of(changed);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + id + "' (use an IANA name such as Europe/Berlin)");
        }
    }
}
