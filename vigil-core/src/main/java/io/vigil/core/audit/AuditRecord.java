package io.vigil.core.audit;

import io.vigil.core.access.Actor;
import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One audited action: who, what, which tenant, when, from where, and how it ended.
 *
 * @param at        when it happened
 * @param actorId   the account that acted; {@code null} when unknown (a failed login names the login tried in
 *                  {@code actorName})
 * @param actorName the account's login name, or what was presented
 * @param actorKind an {@link io.vigil.core.access.ActorKind} code, {@code null} when unknown
 * @param tenant    the tenant concerned, {@code null} for platform actions
 * @param action    what was done, a dotted verb such as {@code auth.login} or {@code http.request}
 * @param target    the object acted on (a path, an id), {@code null} if none
 * @param outcome   how it ended
 * @param sourceIp  the client's address, {@code null} for actions without a request (expiry, start-up)
 * @param userAgent the client's User-Agent, {@code null} if none
 * @param details   further facts, sorted by key; never secrets
 */
public record AuditRecord(Instant at, UUID actorId, String actorName, String actorKind, TenantId tenant, String action,
                          String target, AuditOutcome outcome, String sourceIp, String userAgent,
                          Map<String, String> details) {

    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** A record of something an account did. */
    public static AuditRecord by(Actor actor, Instant at, TenantId tenant, String action, String target,
                                 AuditOutcome outcome, String sourceIp, String userAgent, Map<String, String> details) {
        return new AuditRecord(at, actor.id(), actor.name(), actor.kind().code(), tenant, action, target, outcome,
                sourceIp, userAgent, details);
    }

    /** A record of something the system did by itself (a grant expiring, start-up). */
    public static AuditRecord bySystem(Instant at, TenantId tenant, String action, String target, Map<String, String> details) {
        return new AuditRecord(at, null, "system", null, tenant, action, target, AuditOutcome.SUCCESS, null, null, details);
    }
}
