package io.vigil.store.access;

import io.vigil.core.access.GrantSource;
import io.vigil.core.access.RoleBinding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Approved just-in-time grants as role bindings: each is bound to its one tenant and carries its expiry, so an
 * {@link io.vigil.core.access.Access} computed from it stops allowing at the grant's end even before the expiry job
 * has run.
 */
public final class JitGrants implements GrantSource {

    private final AccessRequests requests;

    public JitGrants(AccessRequests requests) {
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    @Override
    public List<RoleBinding> activeGrants(UUID accountId, Instant now) {
        return requests.activeGrants(accountId, now).stream().map(AccessRequest::binding).toList();
    }
}
