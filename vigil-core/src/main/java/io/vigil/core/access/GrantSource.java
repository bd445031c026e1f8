package io.vigil.core.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A source of role bindings beyond an account's standing ones, such as approved just-in-time grants. The access
 * of a principal is computed from its standing bindings and every grant source's {@link #activeGrants}.
 */
public interface GrantSource {

    /** The bindings granted to the account that are in force at {@code now}. */
    List<RoleBinding> activeGrants(UUID accountId, Instant now);
}
