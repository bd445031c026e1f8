package io.vigil.server.access;

import io.vigil.store.access.AccessRequest;
import java.time.Instant;

/**
 * A request as the API shows it.
 *
 * @param active whether its grant is in force now
 */
record AccessRequestView(String id, String tenant, String requesterId, String requesterName, String role, String reason,
                         long requestedMinutes, String state, boolean active, Instant createdAt, Instant decideBy,
                         Instant decidedAt, String deciderId, String deciderName, String decisionNote, Instant startsAt,
                         Instant expiresAt, Instant endedAt, String endedByName, String endNote) {

    static AccessRequestView of(AccessRequest r, Instant now) {
        return new AccessRequestView(r.id().toString(), r.tenant().toString(), r.requesterId().toString(),
                r.requesterName(), r.role().code(), r.reason(), r.requestedDuration().toMinutes(), r.state().code(),
                r.activeAt(now), r.createdAt(), r.decideBy(), r.decidedAt(),
                r.deciderId() == null ? null : r.deciderId().toString(), r.deciderName(), r.decisionNote(), r.startsAt(),
                r.expiresAt(), r.endedAt(), r.endedByName(), r.endNote());
    }
}
