package io.vigil.server.soc.incident;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.Priority;
import io.vigil.soc.notify.Channel;
import io.vigil.soc.notify.Delivery;
import io.vigil.soc.notify.NotificationKind;
import io.vigil.soc.notify.Notifier;
import io.vigil.soc.notify.Route;
import io.vigil.store.NotFoundException;
import io.vigil.store.soc.notify.JdbcDeliveries;
import io.vigil.store.soc.notify.JdbcRoutes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's notification routes, its outbound policy (private ranges its webhooks may reach) and its deliveries,
 * the dead ones being the dead-letter list operators work from. All with notifications:manage; secrets never leave.
 */
@Requires(Permission.NOTIFICATIONS_MANAGE)
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/notifications")
class NotificationController {

    private final JdbcRoutes routes;
    private final JdbcDeliveries deliveries;
    private final Notifier notifier;
    private final TenantResolver resolver;

    NotificationController(JdbcRoutes routes, JdbcDeliveries deliveries, Notifier notifier, TenantResolver resolver) {
        this.routes = routes;
        this.deliveries = deliveries;
        this.notifier = notifier;
        this.resolver = resolver;
    }

    record RouteRequest(String name, String channel, String target, String secret, List<String> priorities,
                        List<String> events, Integer minEscalationStep) {
    }

    record RouteView(String id, String name, String channel, String target, boolean hasSecret, List<String> priorities,
                     List<String> events, int minEscalationStep) {
        static RouteView of(Route r) {
            return new RouteView(r.id().toString(), r.name(), r.channel().code(), r.target(), r.secret() != null,
                    r.priorities().stream().map(Enum::name).sorted().toList(),
                    r.events().stream().map(NotificationKind::code).sorted().toList(), r.minEscalationStep());
        }
    }

    record Policy(List<String> allowedPrivateRanges) {
    }

    record DeliveryView(String id, String route, String incidentId, String event, String subject, String state,
                        int attempts, Instant nextAttemptAt, String lastError, Instant updatedAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id().toString(), d.routeName(), d.notification().incidentId().toString(),
                    d.notification().kind().code(), d.notification().subject(), d.state().name().toLowerCase(java.util.Locale.ROOT),
                    d.attempts(), d.nextAttemptAt(), d.lastError(), d.updatedAt());
        }
    }

    @GetMapping("/routes")
    List<RouteView> routes(@PathVariable String tenant) {
        return routes.list(resolver.resolve(tenant).id()).stream().map(RouteView::of).toList();
    }

    @PostMapping("/routes")
    @ResponseStatus(HttpStatus.CREATED)
    RouteView create(@PathVariable String tenant, @RequestBody RouteRequest body) {
        TenantId scope = resolver.resolve(tenant).id();
        if (routes.list(scope).size() >= 100) {
            throw new IllegalArgumentException("a tenant may have at most 100 routes");
        }
        Set<Priority> priorities = body.priorities() == null ? Set.of()
                : body.priorities().stream().map(Priority::parse).collect(Collectors.toSet());
        Set<NotificationKind> events = body.events() == null ? Set.of()
                : body.events().stream().map(NotificationKind::ofCode).collect(Collectors.toSet());
        Route route = new Route(UUID.randomUUID(), scope, body.name(),
                Channel.ofCode(Callers.required("channel", body.channel())), body.target(), body.secret(), priorities,
                events, body.minEscalationStep() == null ? 0 : body.minEscalationStep());
        return RouteView.of(routes.save(scope, route));
    }

    @DeleteMapping("/routes/{routeId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenant, @PathVariable UUID routeId) {
        if (!routes.delete(resolver.resolve(tenant).id(), routeId)) {
            throw new NotFoundException("no route " + routeId);
        }
    }

    @GetMapping("/policy")
    Policy policy(@PathVariable String tenant) {
        return new Policy(routes.allowedPrivateRanges(resolver.resolve(tenant).id()));
    }

    @PutMapping("/policy")
    Policy setPolicy(@PathVariable String tenant, @RequestBody Policy body) {
        TenantId scope = resolver.resolve(tenant).id();
        routes.setAllowedPrivateRanges(scope, body.allowedPrivateRanges() == null ? List.of() : body.allowedPrivateRanges());
        return new Policy(routes.allowedPrivateRanges(scope));
    }

    @GetMapping("/deliveries")
    List<DeliveryView> deliveries(@PathVariable String tenant, @RequestParam(defaultValue = "dead") String state,
                                  @RequestParam(defaultValue = "100") int limit) {
        TenantId scope = resolver.resolve(tenant).id();
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1-1000, was " + limit);
        }
        Delivery.State wanted = switch (state) {
            case "dead" -> Delivery.State.DEAD;
            case "pending" -> Delivery.State.PENDING;
            case "delivered" -> Delivery.State.DELIVERED;
            default -> throw new IllegalArgumentException("state must be dead, pending or delivered, not '" + state + "'");
        };
        return deliveries.list(scope, wanted, limit).stream().map(DeliveryView::of).toList();
    }

    @PostMapping("/deliveries/{deliveryId}/retry")
    DeliveryView retry(@PathVariable String tenant, @PathVariable UUID deliveryId) {
        TenantId scope = resolver.resolve(tenant).id();
        deliveries.find(scope, deliveryId).orElseThrow(() -> new NotFoundException("no delivery " + deliveryId));
        return DeliveryView.of(notifier.retry(scope, deliveryId));
    }
}
