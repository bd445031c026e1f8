package io.vigil.store.audit;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;

/**
 * Which entries to read, newest first. Every filter is optional ({@code null}).
 *
 * @param tenant    only entries concerning this tenant; {@code null} for the whole log (platform auditors only)
 * @param action    only this action, e.g. {@code http.request}
 * @param actor     only entries by this actor name
 * @param from      only entries at or after this time
 * @param to        only entries before this time
 * @param beforeSeq only entries older than this seq: the next page
 * @param limit     1-{@value #MAX_LIMIT}
 */
public record AuditQuery(TenantId tenant, String action, String actor, Instant from, Instant to, Long beforeSeq,
                         int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        action = blankToNull(action);
        actor = blankToNull(actor);
    }

    /** The newest {@code limit} entries of the whole log. */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, limit);
    }

    public AuditQuery forTenant(TenantId only) {
        return new AuditQuery(only, action, actor, from, to, beforeSeq, limit);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
