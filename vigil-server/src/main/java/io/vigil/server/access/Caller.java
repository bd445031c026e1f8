package io.vigil.server.access;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import java.util.Objects;

/**
 * Who asks {@link JitAccess} to act, and from where (for the audit log).
 *
 * @param sourceIp  the client's address, {@code null} if unknown
 * @param userAgent the client's User-Agent, {@code null} if none
 */
record Caller(Actor actor, Access access, String sourceIp, String userAgent) {

    Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(access, "access");
    }
}
