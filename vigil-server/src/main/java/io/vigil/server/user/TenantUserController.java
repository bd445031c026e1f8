package io.vigil.server.user;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Permission;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.identity.NewUser;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's own users (client users) and their client roles on that tenant. A user of another tenant does not
 * exist here: its id answers 404.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/users")
@Requires(Permission.TENANT_USERS_MANAGE)
class TenantUserController {

    private final Users users;
    private final UserAdmin admin;
    private final TenantResolver tenants;

    TenantUserController(Users users, UserAdmin admin, TenantResolver tenants) {
        this.users = users;
        this.admin = admin;
        this.tenants = tenants;
    }

    record CreateClientUser(String login, String displayName, List<String> roles) {
    }

    record SetRoles(List<String> roles) {
    }

    @GetMapping
    List<UserView> list(@PathVariable String tenant) {
        return users.listClientUsers(tenants.resolve(tenant).id()).stream().map(admin::view).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserAdmin.WithPassword create(@PathVariable String tenant, @RequestBody CreateClientUser body, HttpServletRequest request) {
        Tenant home = tenants.resolve(tenant);
        Validation validation = new Validation();
        String login = validation.field("login", () -> UserAccount.requireLogin(body.login()));
        String name = validation.field("displayName", () -> UserAccount.requireDisplayName(body.displayName()));
        List<RoleBinding> roles = roles(body.roles(), home, validation);
        validation.throwIfInvalid("client user");
        return admin.create(new NewUser(login, name, ActorKind.CLIENT_USER, home.id(), null, false), true, roles, request);
    }

    @GetMapping("/{id}")
    UserView show(@PathVariable String tenant, @PathVariable String id) {
        return admin.view(account(tenants.resolve(tenant), id));
    }

    @PostMapping("/{id}/disable")
    UserView disable(@PathVariable String tenant, @PathVariable String id, HttpServletRequest request) {
        UserAccount account = account(tenants.resolve(tenant), id);
        admin.disable(account, request);
        return admin.view(users.find(account.id()).orElseThrow());
    }

    @PostMapping("/{id}/password")
    UserAdmin.WithPassword resetPassword(@PathVariable String tenant, @PathVariable String id, HttpServletRequest request) {
        return admin.resetPassword(account(tenants.resolve(tenant), id), request);
    }

    @PutMapping("/{id}/roles")
    UserView setRoles(@PathVariable String tenant, @PathVariable String id, @RequestBody SetRoles body,
                      HttpServletRequest request) {
        Tenant home = tenants.resolve(tenant);
        UserAccount account = account(home, id);
        Validation validation = new Validation();
        List<RoleBinding> roles = roles(body.roles(), home, validation);
        validation.throwIfInvalid("roles");
        admin.setTenantRoles(account, home.id(), roles, request);
        return admin.view(account);
    }

    private UserAccount account(Tenant tenant, String id) {
        return users.find(UserAdmin.id(id)).filter(a -> tenant.id().equals(a.homeTenant()))
                .orElseThrow(() -> new NotFoundException("no user '" + id + "' in tenant " + tenant.slug()));
    }

    private static List<RoleBinding> roles(List<String> codes, Tenant tenant, Validation validation) {
        if (codes == null) {
            return List.of();
        }
        LinkedHashSet<RoleBinding> roles = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            try {
                Role role = Role.ofCode(code);
                if (role.audience() != Role.Audience.CLIENT) {
                    validation.require(false, "roles[" + i + "]", code + " is not a client role (client-admin, client-analyst, client-viewer)");
                } else {
                    roles.add(RoleBinding.on(role, tenant.id()));
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                validation.require(false, "roles[" + i + "]", "no role '" + code + "'");
            }
        }
        return List.copyOf(roles);
    }
}
