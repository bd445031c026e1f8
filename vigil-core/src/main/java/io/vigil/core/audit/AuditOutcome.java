package io.vigil.core.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    /** It happened. */
    SUCCESS,
    /** Access control refused it (unauthenticated, forbidden, invisible tenant, CSRF). */
    DENIED,
    /** It was allowed but did not happen (bad input, conflict, server error, wrong password). */
    FAILED
}
