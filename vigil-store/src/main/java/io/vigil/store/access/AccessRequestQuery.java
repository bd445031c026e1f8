package io.vigil.store.access;

import java.util.Set;
import java.util.UUID;

/**
 * Which of a tenant's requests to list, newest first.
 *
 * @param states      only these states; empty for all
 * @param requesterId only this account's requests, {@code null} for everyone's
 * @param limit       1 to {@link #MAX_LIMIT}
 * @param beforeSeq   only requests older than this seq (the next page), {@code null} for the newest
 */
public record AccessRequestQuery(Set<AccessRequestState> states, UUID requesterId, int limit, Long beforeSeq) {

    public static final int MAX_LIMIT = 500;

    public AccessRequestQuery {
        states = states == null ? Set.of() : Set.copyOf(states);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ": " + limit);
        }
    }

    public static AccessRequestQuery newest(int limit) {
        return new AccessRequestQuery(Set.of(), null, limit, null);
    }
}
