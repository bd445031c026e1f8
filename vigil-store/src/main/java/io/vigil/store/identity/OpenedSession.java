package io.vigil.store.identity;

import java.util.Objects;

/** A session just opened, with the only copy of its secret (the cookie's value). */
public record OpenedSession(UserSession session, String secret) {

    public OpenedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "OpenedSession[session=" + session + ", secret=***]";
    }
}
