package io.vigil.server.access;

import io.vigil.core.access.Permission;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.api.Validation;
import io.vigil.server.config.JitSettings;
import io.vigil.server.security.Caller;
import io.vigil.store.NotFoundException;
import io.vigil.store.access.AccessRequest;
import io.vigil.store.access.AccessRequestPage;
import io.vigil.store.access.AccessRequestQuery;
import io.vigil.store.access.AccessRequests;
import io.vigil.store.access.TransitionRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The rules of just-in-time access, in one place: who may request which role for how long, who may decide, and
 * that every step is audited. A change is audited inside its transaction (see {@link AccessRequests}), so a change
 * the audit log cannot record does not happen; a refusal is audited as {@link AuditOutcome#DENIED}, a change the
 * request's state no longer allows as {@link AuditOutcome#FAILED}.
 *
 * <p>Rules: the requester needs {@link Permission#ACCESS_REQUEST} on the tenant and must be able to hold the role
 * (so a client user cannot request an MSSP role); the role must be requestable and the duration at most the
 * maximum. A decision needs {@link Permission#ACCESS_APPROVE} on the tenant and must come from another account than
 * the requester's (four-eyes, by account id, not login name); an approval grants at most the maximum. Only the
 * requester withdraws; revoking ends a grant early and needs {@code ACCESS_APPROVE}.
 */
final class JitAccess {

    private final AccessRequests requests;
    private final JitSettings settings;
    private final AuditSink audit;
    private final Clock clock;

    JitAccess(AccessRequests requests, JitSettings settings, AuditSink audit, Clock clock) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    AccessRequest request(Caller caller, TenantId tenant, String roleCode, String reason, Integer durationMinutes) {
        require(caller, tenant, Permission.ACCESS_REQUEST, "access.request", null);
        Validation validation = new Validation();
        Role role = roleCode == null ? null : validation.field("role", () -> Role.ofCode(roleCode));
        validation.require(roleCode != null, "role", "required");
        validation.require(role == null || settings.roles().contains(role), "role",
                "'" + roleCode + "' cannot be requested; requestable: " + String.join(", ", settings.requestableRoles()));
        String text = reason == null ? "" : reason.strip();
        validation.require(!text.isEmpty() && text.length() <= AccessRequest.MAX_REASON, "reason",
                "required, at most " + AccessRequest.MAX_REASON + " characters");
        checkMinutes(validation, "durationMinutes", durationMinutes, settings.maxDuration().toMinutes(), true);
        validation.throwIfInvalid("access request");
        if (caller.actor().kind() == ActorKind.SERVICE) {
            throw refuse(caller, tenant, "access.request", null,
                    "just-in-time access is for people; a service account holds standing roles");
        }
        if (!caller.actor().kind().mayHold(role)) {
            throw refuse(caller, tenant, "access.request", null, "a " + caller.actor().kind().code()
                    + " cannot hold the MSSP role " + role.code());
        }
        return requests.create(tenant, caller.actor().id(), caller.actor().name(), role, text,
                Duration.ofMinutes(durationMinutes), settings.decisionTimeout(),
                created -> record(caller, created, "access.request", Map.of("reason", created.reason())));
    }

    /** @param durationMinutes how long to grant, at most what was requested; {@code null} for what was requested */
    AccessRequest approve(Caller caller, TenantId tenant, UUID id, String note, Integer durationMinutes) {
        AccessRequest pending = decidable(caller, tenant, id, "access.approve");
        Validation validation = new Validation();
        checkNote(validation, note, false);
        long requested = pending.requestedDuration().toMinutes();
        checkMinutes(validation, "durationMinutes", durationMinutes, Math.min(requested, settings.maxDuration().toMinutes()),
                false);
        validation.throwIfInvalid("approval");
        // the maximum may have been lowered since the request was filed; the grant never exceeds the current one
        Duration granted = durationMinutes != null ? Duration.ofMinutes(durationMinutes)
                : min(pending.requestedDuration(), settings.maxDuration());
        return change(caller, tenant, id, "access.approve", () -> requests.approve(tenant, id, caller.actor().id(),
                caller.actor().name(), blankToNull(note), granted, approved -> record(caller, approved, "access.approve",
                        notes(note, Map.of("grantedSeconds", Long.toString(granted.getSeconds()),
                                "expiresAt", approved.expiresAt().toString())))));
    }

    /** A denial needs a note: the requester is told why. */
    AccessRequest deny(Caller caller, TenantId tenant, UUID id, String note) {
        decidable(caller, tenant, id, "access.deny");
        Validation validation = new Validation();
        checkNote(validation, note, true);
        validation.throwIfInvalid("denial");
        return change(caller, tenant, id, "access.deny", () -> requests.deny(tenant, id, caller.actor().id(),
                caller.actor().name(), note.strip(), denied -> record(caller, denied, "access.deny", notes(note, Map.of()))));
    }

    AccessRequest withdraw(Caller caller, TenantId tenant, UUID id) {
        require(caller, tenant, Permission.ACCESS_REQUEST, "access.withdraw", id);
        AccessRequest current = existing(tenant, id);
        if (!current.requesterId().equals(caller.actor().id())) {
            throw refuse(caller, tenant, "access.withdraw", id, "only the requester can withdraw a request");
        }
        return change(caller, tenant, id, "access.withdraw", () -> requests.withdraw(tenant, id, caller.actor().id(),
                caller.actor().name(), withdrawn -> record(caller, withdrawn, "access.withdraw", Map.of())));
    }

    AccessRequest revoke(Caller caller, TenantId tenant, UUID id, String note) {
        require(caller, tenant, Permission.ACCESS_APPROVE, "access.revoke", id);
        existing(tenant, id);
        Validation validation = new Validation();
        checkNote(validation, note, false);
        validation.throwIfInvalid("revocation");
        return change(caller, tenant, id, "access.revoke", () -> requests.revoke(tenant, id, caller.actor().id(),
                caller.actor().name(), blankToNull(note), revoked -> record(caller, revoked, "access.revoke",
                        notes(note, Map.of()))));
    }

    AccessRequest find(Caller caller, TenantId tenant, UUID id) {
        requireQuietly(caller, tenant, Permission.ACCESS_READ);
        return existing(tenant, id);
    }

    AccessRequestPage list(Caller caller, TenantId tenant, AccessRequestQuery query) {
        requireQuietly(caller, tenant, Permission.ACCESS_READ);
        return requests.list(tenant, query);
    }

    /** The caller's own requests on the tenants it can still see, newest first. */
    List<AccessRequest> mine(Caller caller, int limit) {
        return requests.ofRequester(caller.actor().id(), limit).stream()
                .filter(r -> caller.access().sees(r.tenant())).toList();
    }

    /** Expires what is due and audits each expiry once, as the system. */
    List<AccessRequest> expireDue() {
        return requests.expireDue(clock.instant(), expired -> audit.record(AuditRecord.bySystem(clock.instant(),
                expired.tenant(), "access.expire", expired.id().toString(), details(expired, Map.of("ended",
                        expired.startsAt() == null ? "undecided" : "grant-ended")))));
    }

    private AccessRequest decidable(Caller caller, TenantId tenant, UUID id, String action) {
        require(caller, tenant, Permission.ACCESS_APPROVE, action, id);
        AccessRequest current = existing(tenant, id);
        if (current.requesterId().equals(caller.actor().id())) {
            throw refuse(caller, tenant, action, id, "four eyes: a request cannot be decided by its requester");
        }
        return current;
    }

    private AccessRequest existing(TenantId tenant, UUID id) {
        return requests.find(tenant, id)
                .orElseThrow(() -> new NotFoundException("no access request " + id + " on this tenant"));
    }

    /** An invisible tenant is not found; a visible one without the permission is refused and audited. */
    private void require(Caller caller, TenantId tenant, Permission permission, String action, UUID target) {
        requireQuietly(caller, tenant, null);
        if (!caller.access().can(permission, tenant)) {
            throw refuse(caller, tenant, action, target, "needs permission " + permission.code() + " on the tenant");
        }
    }

    private static void requireQuietly(Caller caller, TenantId tenant, Permission permission) {
        if (!caller.access().sees(tenant)) {
            throw new NotFoundException("no tenant " + tenant);
        }
        if (permission != null && !caller.access().can(permission, tenant)) {
            throw new AccessRefusedException("needs permission " + permission.code() + " on the tenant");
        }
    }

    private AccessRefusedException refuse(Caller caller, TenantId tenant, String action, UUID target, String why) {
        audit.record(AuditRecord.by(caller.actor(), clock.instant(), tenant, action, target == null ? null : target.toString(),
                AuditOutcome.DENIED, caller.sourceIp(), caller.userAgent(), Map.of("refused", why)));
        return new AccessRefusedException(why);
    }

    private AccessRequest change(Caller caller, TenantId tenant, UUID id, String action, Supplier<AccessRequest> change) {
        try {
            return change.get();
        } catch (TransitionRefusedException e) {
            audit.record(AuditRecord.by(caller.actor(), clock.instant(), tenant, action, id.toString(), AuditOutcome.FAILED,
                    caller.sourceIp(), caller.userAgent(), Map.of("state", e.current().code(), "refused", e.getMessage())));
            throw e;
        }
    }

    private void record(Caller caller, AccessRequest request, String action, Map<String, String> extra) {
        audit.record(AuditRecord.by(caller.actor(), clock.instant(), request.tenant(), action, request.id().toString(),
                AuditOutcome.SUCCESS, caller.sourceIp(), caller.userAgent(), details(request, extra)));
    }

    private static Map<String, String> details(AccessRequest request, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("role", request.role().code());
        details.put("requestedSeconds", Long.toString(request.requestedDuration().getSeconds()));
        details.put("requesterId", request.requesterId().toString());
        details.put("requesterName", request.requesterName());
        details.put("state", request.state().code());
        details.putAll(extra);
        return details;
    }

    private static Map<String, String> notes(String note, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>(extra);
        if (note != null && !note.isBlank()) {
            details.put("note", note.strip());
        }
        return details;
    }

    private static void checkMinutes(Validation validation, String field, Integer minutes, long max, boolean required) {
        if (minutes == null) {
            validation.require(!required, field, "required");
            return;
        }
        validation.require(minutes >= 1 && minutes <= max, field, "must be 1-" + max + " minutes");
    }

    private static void checkNote(Validation validation, String note, boolean required) {
        boolean blank = note == null || note.isBlank();
        validation.require(!required || !blank, "note", "required: tell the requester why");
        validation.require(blank || note.strip().length() <= AccessRequest.MAX_NOTE, "note",
                "at most " + AccessRequest.MAX_NOTE + " characters");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
