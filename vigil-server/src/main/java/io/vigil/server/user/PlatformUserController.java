package io.vigil.server.user;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Permission;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.identity.NewUser;
import io.vigil.store.identity.RoleBindingRow;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform administration of accounts: MSSP staff and service accounts, and the MSSP roles they hold on all
 * tenants or on chosen ones. Client users are administered per tenant ({@link TenantUserController}).
 */
@RestController
@RequestMapping("/api/v1/platform/users")
@Requires(Permission.USERS_MANAGE)
class PlatformUserController {

    private final Users users;
    private final RoleBindings bindings;
    private final UserAdmin admin;
    private final TenantResolver tenants;

    PlatformUserController(Users users, RoleBindings bindings, UserAdmin admin, TenantResolver tenants) {
        this.users = users;
        this.bindings = bindings;
        this.admin = admin;
        this.tenants = tenants;
    }

    record CreateUser(String login, String displayName, String kind) {
    }

    record Grant(String role, String tenant) {
    }

    @GetMapping
    List<UserView> list() {
        return users.list().stream().map(admin::view).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserAdmin.WithPassword create(@RequestBody CreateUser body, HttpServletRequest request) {
        Validation validation = new Validation();
        String login = validation.field("login", () -> UserAccount.requireLogin(body.login()));
        String name = validation.field("displayName", () -> UserAccount.requireDisplayName(body.displayName()));
        ActorKind kind = validation.field("kind", () -> staffOrService(body.kind()));
        validation.throwIfInvalid("user");
        return admin.create(new NewUser(login, name, kind, null, null, false), kind == ActorKind.MSSP_STAFF, List.of(), request);
    }

    @GetMapping("/{id}")
    UserView show(@PathVariable String id) {
        return admin.view(account(id));
    }

    @PostMapping("/{id}/disable")
    UserView disable(@PathVariable String id, HttpServletRequest request) {
        UserAccount account = account(id);
        admin.disable(account, request);
        return admin.view(users.find(account.id()).orElseThrow());
    }

    @PostMapping("/{id}/password")
    UserAdmin.WithPassword resetPassword(@PathVariable String id, HttpServletRequest request) {
        return admin.resetPassword(account(id), request);
    }

    @PostMapping("/{id}/bindings")
    @ResponseStatus(HttpStatus.CREATED)
    UserView.BindingView grant(@PathVariable String id, @RequestBody Grant body, HttpServletRequest request) {
        UserAccount account = account(id);
        Validation validation = new Validation();
        Role role = validation.field("role", () -> msspRole(body.role()));
        TenantId tenant = body.tenant() == null || body.tenant().isBlank() ? null
                : validation.field("tenant", () -> tenant(body.tenant()));
        validation.throwIfInvalid("role binding");
        return UserView.BindingView.of(admin.grant(account, new RoleBinding(role, tenant, null), request));
    }

    @DeleteMapping("/{id}/bindings/{bindingId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id, @PathVariable String bindingId, HttpServletRequest request) {
        UserAccount account = account(id);
        UUID wanted = UserAdmin.id(bindingId);
        RoleBindingRow row = bindings.list(account.id()).stream().filter(r -> r.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new NotFoundException("no role binding '" + bindingId + "' on this user"));
        admin.revoke(account, row, request);
    }

    private UserAccount account(String id) {
        return users.find(UserAdmin.id(id)).orElseThrow(() -> new NotFoundException("no user '" + id + "'"));
    }

    private TenantId tenant(String reference) {
        try {
            return tenants.resolve(reference).id();
        } catch (NotFoundException e) {
            throw new IllegalArgumentException("no tenant '" + reference + "'");
        }
    }

    private static ActorKind staffOrService(String code) {
        if (ActorKind.MSSP_STAFF.code().equals(code) || ActorKind.SERVICE.code().equals(code)) {
            return ActorKind.ofCode(code);
        }
        throw new IllegalArgumentException("must be 'mssp-staff' or 'service' (client users are created per tenant)");
    }

    private static Role msspRole(String code) {
        if (code == null) {
            throw new IllegalArgumentException("required");
        }
        Role role = Role.ofCode(code);
        if (role.audience() != Role.Audience.MSSP) {
            throw new IllegalArgumentException(code + " is a client role: set it through /api/v1/tenants/{tenant}/users");
        }
        return role;
    }
}
