package io.vigil.store.identity;

import io.vigil.core.access.ActorKind;
import io.vigil.core.tenant.TenantId;
import java.util.Objects;

/**
 * An account to create.
 *
 * @param homeTenant         required for a client user, {@code null} otherwise
 * @param passwordHash       an Argon2id PHC string from {@link Passwords#hash}, or {@code null} for none
 * @param passwordMustChange whether the password is a one-time one
 */
public record NewUser(String login, String displayName, ActorKind kind, TenantId homeTenant, String passwordHash,
                      boolean passwordMustChange) {

    public NewUser {
        login = UserAccount.requireLogin(login);
        displayName = UserAccount.requireDisplayName(displayName);
        Objects.requireNonNull(kind, "kind");
        if ((kind == ActorKind.CLIENT_USER) != (homeTenant != null)) {
            throw new IllegalArgumentException("a client user, and only a client user, has a home tenant");
        }
        if (kind == ActorKind.SERVICE && passwordHash != null) {
            throw new IllegalArgumentException("a service account has no password (it uses API tokens)");
        }
    }

    @Override
    public String toString() {
        return "NewUser[login=" + login + ", kind=" + kind.code() + ", homeTenant=" + homeTenant + "]";
    }
}
