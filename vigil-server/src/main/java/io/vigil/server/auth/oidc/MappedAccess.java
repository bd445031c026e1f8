package io.vigil.server.auth.oidc;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import java.util.List;
import java.util.Objects;

/**
 * What a provider's claims entitle a person to in Vigil: whether they are MSSP staff or a client user, the client
 * user's tenant, and the role bindings to hold while signed in through this provider (source {@code sso}).
 *
 * @param homeTenant the client user's tenant; {@code null} for MSSP staff
 * @param bindings      never empty: a login that maps to no role is refused instead
 * @param mfaAtProvider whether the provider reported a multi-factor method in {@code amr}
 */
public record MappedAccess(ActorKind kind, TenantId homeTenant, List<RoleBinding> bindings, boolean mfaAtProvider) {

    public MappedAccess {
        Objects.requireNonNull(kind, "kind");
        bindings = List.copyOf(bindings);
        if (kind == ActorKind.SERVICE) {
            throw new IllegalArgumentException("single sign-on is for people, not service accounts");
        }
        if ((kind == ActorKind.CLIENT_USER) != (homeTenant != null)) {
            throw new IllegalArgumentException("a client user, and only a client user, belongs to one tenant");
        }
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("mapped access without any role binding");
        }
        for (RoleBinding binding : bindings) {
            if (!kind.mayHold(binding.role())) {
                throw new IllegalArgumentException(kind.code() + " cannot hold role " + binding.role().code());
            }
            if (kind == ActorKind.CLIENT_USER && !homeTenant.equals(binding.tenant())) {
                throw new IllegalArgumentException("a client user's roles are bound to their own tenant only");
            }
        }
    }
}
