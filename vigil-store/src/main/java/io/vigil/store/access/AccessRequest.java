package io.vigil.store.access;

import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One just-in-time request and, once approved, its grant.
 *
 * @param requestedDuration how long the requester asked for; the grant may be shorter
 * @param decideBy          when the request expires if nobody decides
 * @param decidedAt         when it was approved or denied, {@code null} before
 * @param decisionNote      the approver's note, {@code null} if none
 * @param startsAt          when the grant started, {@code null} unless approved
 * @param expiresAt         when the grant stops counting, {@code null} unless approved
 * @param endedAt           when it ended (withdrawn, revoked, expired), {@code null} while open
 * @param endedById         who ended it (the requester withdrawing, an approver revoking), {@code null} otherwise
 * @param expiryRecorded    whether its expiry has been claimed for the audit log
 */
public record AccessRequest(UUID id, TenantId tenant, UUID requesterId, String requesterName, Role role, String reason,
                            Duration requestedDuration, AccessRequestState state, Instant createdAt, Instant decideBy,
                            Instant decidedAt, UUID deciderId, String deciderName, String decisionNote,
                            Instant startsAt, Instant expiresAt, Instant endedAt, UUID endedById, String endedByName,
                            String endNote, boolean expiryRecorded) {

    /** Longest reason, in characters. */
    public static final int MAX_REASON = 1000;
    /** Longest decision or revocation note, in characters. */
    public static final int MAX_NOTE = 1000;

    public AccessRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requesterId, "requesterId");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedDuration, "requestedDuration");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(decideBy, "decideBy");
    }

    /** Whether the grant is in force at {@code now}: approved, started and not yet expired. */
    public boolean activeAt(Instant now) {
        return state == AccessRequestState.APPROVED && startsAt != null && !now.isBefore(startsAt)
                && now.isBefore(expiresAt);
    }

    /** The grant as a role binding on the request's tenant, until it expires. */
    public RoleBinding binding() {
        if (expiresAt == null) {
            throw new IllegalStateException("request " + id + " was never granted");
        }
        return new RoleBinding(role, tenant, expiresAt);
    }

    /** The granted duration, {@code null} unless granted. */
    public Duration grantedDuration() {
        return startsAt == null ? null : Duration.between(startsAt, expiresAt);
    }
}
