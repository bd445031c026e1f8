package io.vigil.store.access;

/**
 * Where a just-in-time request stands. {@code pending} is the only state a decision can leave; {@code approved} is
 * the only one in which a grant can be in force (and only between its start and expiry); the rest are final.
 */
public enum AccessRequestState {
    /** Waiting for someone other than the requester to decide. */
    PENDING("pending"),
    /** Granted; the grant counts from {@code startsAt} until {@code expiresAt}. */
    APPROVED("approved"),
    /** Refused by an approver. */
    DENIED("denied"),
    /** Nobody decided in time, or the grant ran out. */
    EXPIRED("expired"),
    /** An approver ended the grant early. */
    REVOKED("revoked"),
    /** The requester took the request back before anyone decided. */
    WITHDRAWN("withdrawn");

    private final String code;

    AccessRequestState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException naming the unknown code */
    public static AccessRequestState ofCode(String code) {
        for (AccessRequestState s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no access request state '" + code + "'");
    }
}
