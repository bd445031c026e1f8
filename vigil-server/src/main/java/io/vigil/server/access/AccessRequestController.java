package io.vigil.server.access;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Authenticated;
import io.vigil.server.security.Requires;
import io.vigil.server.security.Caller;
import io.vigil.server.security.VigilPrincipal;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.access.AccessRequest;
import io.vigil.store.access.AccessRequestPage;
import io.vigil.store.access.AccessRequestQuery;
import io.vigil.store.access.AccessRequestState;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Just-in-time access over REST: filing, reading and deciding a tenant's requests, and "my requests". The rules
 * live in {@link JitAccess}; this only translates HTTP.
 */
@RestController
class AccessRequestController {

    private static final String BASE = "/api/v1/tenants/{tenant}/access-requests";

    private final JitAccess jit;
    private final TenantResolver tenants;
    private final Clock clock;

    AccessRequestController(JitAccess jit, TenantResolver tenants, Clock clock) {
        this.jit = jit;
        this.tenants = tenants;
        this.clock = clock;
    }

    record NewRequestBody(String role, String reason, Integer durationMinutes) {
    }

    record DecisionBody(String note, Integer durationMinutes) {
    }

    record PageView(List<AccessRequestView> items, Long nextBefore) {
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    @Requires(Permission.ACCESS_REQUEST)
    AccessRequestView request(@PathVariable String tenant, @RequestBody NewRequestBody body, HttpServletRequest http) {
        return view(jit.request(caller(http), tenant(tenant), body.role(), body.reason(), body.durationMinutes()));
    }

    @GetMapping(BASE)
    @Requires(Permission.ACCESS_READ)
    PageView list(@PathVariable String tenant, @RequestParam(required = false) String state,
                  @RequestParam(required = false) UUID requester, @RequestParam(defaultValue = "50") int limit,
                  @RequestParam(required = false) Long before, HttpServletRequest http) {
        Validation validation = new Validation();
        Set<AccessRequestState> states = state == null || state.isBlank() ? Set.of() : validation.field("state", () ->
                Arrays.stream(state.split(",")).map(String::strip).map(AccessRequestState::ofCode).collect(Collectors.toSet()));
        validation.require(limit >= 1 && limit <= AccessRequestQuery.MAX_LIMIT, "limit",
                "must be 1-" + AccessRequestQuery.MAX_LIMIT);
        validation.throwIfInvalid("query");
        AccessRequestPage page = jit.list(caller(http), tenant(tenant),
                new AccessRequestQuery(states, requester, limit, before));
        return new PageView(page.items().stream().map(this::view).toList(), page.nextBefore());
    }

    @GetMapping(BASE + "/{id}")
    @Requires(Permission.ACCESS_READ)
    AccessRequestView find(@PathVariable String tenant, @PathVariable UUID id, HttpServletRequest http) {
        return view(jit.find(caller(http), tenant(tenant), id));
    }

    @PostMapping(BASE + "/{id}/approve")
    @Requires(Permission.ACCESS_APPROVE)
    AccessRequestView approve(@PathVariable String tenant, @PathVariable UUID id,
                              @RequestBody(required = false) DecisionBody body, HttpServletRequest http) {
        DecisionBody decision = body == null ? new DecisionBody(null, null) : body;
        return view(jit.approve(caller(http), tenant(tenant), id, decision.note(), decision.durationMinutes()));
    }

    @PostMapping(BASE + "/{id}/deny")
    @Requires(Permission.ACCESS_APPROVE)
    AccessRequestView deny(@PathVariable String tenant, @PathVariable UUID id,
                           @RequestBody(required = false) DecisionBody body, HttpServletRequest http) {
        return view(jit.deny(caller(http), tenant(tenant), id, body == null ? null : body.note()));
    }

    @PostMapping(BASE + "/{id}/withdraw")
    @Requires(Permission.ACCESS_REQUEST)
    AccessRequestView withdraw(@PathVariable String tenant, @PathVariable UUID id, HttpServletRequest http) {
        return view(jit.withdraw(caller(http), tenant(tenant), id));
    }

    @PostMapping(BASE + "/{id}/revoke")
    @Requires(Permission.ACCESS_APPROVE)
    AccessRequestView revoke(@PathVariable String tenant, @PathVariable UUID id,
                             @RequestBody(required = false) DecisionBody body, HttpServletRequest http) {
        return view(jit.revoke(caller(http), tenant(tenant), id, body == null ? null : body.note()));
    }

    /** The caller's own requests on every tenant it can see. */
    @GetMapping("/api/v1/auth/access-requests")
    @Authenticated
    List<AccessRequestView> mine(@RequestParam(defaultValue = "50") int limit, HttpServletRequest http) {
        Validation validation = new Validation();
        validation.require(limit >= 1 && limit <= AccessRequestQuery.MAX_LIMIT, "limit",
                "must be 1-" + AccessRequestQuery.MAX_LIMIT);
        validation.throwIfInvalid("query");
        return jit.mine(caller(http), limit).stream().map(this::view).toList();
    }

    private TenantId tenant(String reference) {
        return tenants.resolve(reference).id();
    }

    private static Caller caller(HttpServletRequest http) {
        VigilPrincipal principal = VigilPrincipal.current()
                .orElseThrow(() -> new AccessRefusedException("just-in-time access needs a signed-in account"));
        if (principal.restricted()) {
            throw new AccessRefusedException("finish signing in first (" + principal.restriction() + ")");
        }
        return Caller.of(principal, http);
    }

    private AccessRequestView view(AccessRequest request) {
        return AccessRequestView.of(request, clock.instant());
    }
}
