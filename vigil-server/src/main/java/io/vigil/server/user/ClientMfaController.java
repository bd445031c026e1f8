package io.vigil.server.user;

import io.vigil.core.access.Permission;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.api.Validation;
import io.vigil.server.auth.AuthAudit;
import io.vigil.server.security.Caller;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whether a tenant's client users must enrol a second factor (MSSP staff always must). Whoever manages the tenant's
 * users ({@code tenant-users.manage}: the client's admin, a platform admin) decides; everyone who sees the tenant
 * can read it. A change applies to each client user at their next sign-in; sessions already open keep going.
 */
@RestController
class ClientMfaController {

    static final String PATH = "/api/v1/tenants/{tenant}/client-mfa";

    private final Users users;
    private final TenantResolver tenants;
    private final AuthAudit audit;

    ClientMfaController(Users users, TenantResolver tenants, AuthAudit audit) {
        this.users = users;
        this.tenants = tenants;
        this.audit = audit;
    }

    record ClientMfa(Boolean required) {
    }

    @Requires(Permission.TENANT_READ)
    @GetMapping(PATH)
    ClientMfa show(@PathVariable String tenant) {
        return new ClientMfa(users.clientMfaRequired(tenants.resolve(tenant).id()));
    }

    @Requires(Permission.TENANT_USERS_MANAGE)
    @PutMapping(PATH)
    ClientMfa change(@PathVariable String tenant, @RequestBody ClientMfa body, HttpServletRequest request) {
        Tenant scope = tenants.resolve(tenant);
        Validation validation = new Validation();
        validation.require(body != null && body.required() != null, "required", "must be true or false");
        validation.throwIfInvalid("client MFA setting");
        boolean before = users.clientMfaRequired(scope.id());
        users.requireClientMfa(scope.id(), body.required());
        audit.record(Caller.current(request).actor(), scope.id(), "tenant.client-mfa", scope.id().toString(),
                AuditOutcome.SUCCESS, request, Map.of("required", body.required().toString(), "was", Boolean.toString(before)));
        return new ClientMfa(body.required());
    }
}
