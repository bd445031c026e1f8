package io.vigil.core.access;

import io.vigil.core.tenant.TenantId;
import java.util.Objects;
import java.util.UUID;

/**
 * Who acts, as the audit log records it: a user or service account.
 *
 * @param id         the account's id
 * @param name       the account's login name (never a secret)
 * @param kind       staff, client user or service
 * @param homeTenant the tenant a client user belongs to; {@code null} for MSSP staff and services
 */
public record Actor(UUID id, String name, ActorKind kind, TenantId homeTenant) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if ((kind == ActorKind.CLIENT_USER) != (homeTenant != null)) {
            throw new IllegalArgumentException("a client user, and only a client user, belongs to one tenant");
        }
    }
}
