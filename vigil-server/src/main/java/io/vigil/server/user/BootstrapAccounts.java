package io.vigil.server.user;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.store.identity.NewUser;
import io.vigil.store.identity.Passwords;
import io.vigil.store.identity.RoleBindingRow;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import io.vigil.store.tenant.TenantDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * First start: when no person's account exists (service accounts do not count), creates {@code admin} (MSSP staff, platform-admin on all tenants) with a
 * random one-time password, shown once. The demo instead keeps a few logins with known passwords and no forced
 * change (an administrator, a T1 analyst of two tenants, a client administrator), printed at every demo start.
 */
@Component
public final class BootstrapAccounts {

    private static final String SYSTEM = "bootstrap";

    private final Users users;
    private final RoleBindings bindings;
    private final Passwords passwords;
    private final TenantDirectory tenants;
    private final boolean demo;
    private volatile String adminPassword;

    BootstrapAccounts(Users users, RoleBindings bindings, Passwords passwords, TenantDirectory tenants, Environment environment) {
        this.users = users;
        this.bindings = bindings;
        this.passwords = passwords;
        this.tenants = tenants;
        this.demo = environment.getProperty("vigil.demo.enabled", Boolean.class, false);
        if (!demo && users.list().stream().allMatch(account -> account.kind() == ActorKind.SERVICE)) {
            adminPassword = OneTimePasswords.generate("admin");
            UserAccount admin = users.create(new NewUser("admin", "Platform administrator", ActorKind.MSSP_STAFF, null,
                    passwords.hash(adminPassword), true));
            bindings.grant(admin.id(), RoleBinding.allTenants(Role.PLATFORM_ADMIN), RoleBindingRow.MANUAL, SYSTEM);
        }
    }

    /** A login to show at start. */
    public record Login(String login, String password, String note) {
        @Override
        public String toString() {
            return "Login[" + login + "]";
        }
    }

    /**
     * The logins to print now: the first start's administrator once, or, for the demo, its logins (created on the
     * first demo start, after the demo tenants, whose slugs are given).
     */
    public List<Login> printable(List<String> demoTenants) {
        if (demo) {
            return demoLogins(demoTenants);
        }
        String once = adminPassword;
        adminPassword = null;
        return once == null ? List.of() : List.of(new Login("admin", once, "one-time password: change it at first login"));
    }

    private List<Login> demoLogins(List<String> slugs) {
        List<Tenant> demoTenants = slugs.stream().map(s -> tenants.find(new TenantSlug(s))).flatMap(Optional::stream).toList();
        List<Login> logins = new ArrayList<>();
        logins.add(ensure("admin", "Demo administrator", ActorKind.MSSP_STAFF, null, "demo-admin-pass",
                List.of(RoleBinding.allTenants(Role.PLATFORM_ADMIN)), "platform-admin on all tenants"));
        if (demoTenants.size() >= 2) {
            logins.add(ensure("analyst", "Demo T1 analyst", ActorKind.MSSP_STAFF, null, "demo-analyst-pass",
                    List.of(RoleBinding.on(Role.ANALYST_T1, demoTenants.get(0).id()), RoleBinding.on(Role.ANALYST_T1, demoTenants.get(1).id())),
                    "analyst-t1 on " + demoTenants.get(0).slug() + " and " + demoTenants.get(1).slug()));
        }
        if (!demoTenants.isEmpty()) {
            Tenant client = demoTenants.getFirst();
            logins.add(ensure("client-admin", "Demo client administrator", ActorKind.CLIENT_USER, client, "demo-client-pass",
                    List.of(RoleBinding.on(Role.CLIENT_ADMIN, client.id())), "client-admin of " + client.slug()));
        }
        return logins;
    }

    private Login ensure(String login, String name, ActorKind kind, Tenant home, String password, List<RoleBinding> roles,
                         String note) {
        if (users.findByLogin(login).isEmpty()) {
            // demo only: a known password, no forced change
            UserAccount account = users.create(new NewUser(login, name, kind, home == null ? null : home.id(),
                    passwords.hash(password), false));
            for (RoleBinding role : roles) {
                bindings.grant(account.id(), role, RoleBindingRow.MANUAL, SYSTEM);
            }
        }
        return new Login(login, password, note);
    }
}
