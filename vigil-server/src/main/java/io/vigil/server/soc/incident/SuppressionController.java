package io.vigil.server.soc.incident;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.triage.Suppression;
import io.vigil.store.NotFoundException;
import io.vigil.store.soc.triage.JdbcSuppressions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's suppressions: read with incidents:read, managed with suppressions:manage. The author is the caller; an
 * expiry is required, in the future and at most {@value #MAX_DAYS} days away. Expired ones stay listed.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/suppressions")
class SuppressionController {

    static final int MAX_DAYS = 365;

    private final JdbcSuppressions suppressions;
    private final TenantResolver resolver;
    private final Clock clock;

    SuppressionController(JdbcSuppressions suppressions, TenantResolver resolver, Clock clock) {
        this.suppressions = suppressions;
        this.resolver = resolver;
        this.clock = clock;
    }

    record SuppressionRequest(String ruleId, Map<String, String> entities, String reason, String expiresAt) {
    }

    record SuppressionView(String id, String ruleId, Map<String, String> entities, String author, String reason,
                           Instant createdAt, Instant expiresAt, boolean active) {
    }

    private SuppressionView view(Suppression s) {
        return new SuppressionView(s.id().toString(), s.ruleId(), s.entities(), s.author(), s.reason(), s.createdAt(),
                s.expiresAt(), s.activeAt(clock.instant()));
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping
    List<SuppressionView> list(@PathVariable String tenant) {
        return suppressions.list(resolver.resolve(tenant).id()).stream().map(this::view).toList();
    }

    @Requires(Permission.SUPPRESSIONS_MANAGE)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SuppressionView create(@PathVariable String tenant, @RequestBody SuppressionRequest body) {
        TenantId scope = resolver.resolve(tenant).id();
        Instant now = clock.instant();
        Instant expires;
        try {
            expires = Instant.parse(Callers.required("expiresAt", body.expiresAt()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresAt must be an ISO-8601 instant such as 2026-12-31T00:00:00Z");
        }
        if (!expires.isAfter(now) || expires.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
            throw new IllegalArgumentException("expiresAt must be in the future and at most " + MAX_DAYS + " days away");
        }
        if (body.ruleId() != null && body.ruleId().length() > 200) {
            throw new IllegalArgumentException("ruleId is longer than 200 characters");
        }
        return view(suppressions.save(scope, new Suppression(UUID.randomUUID(), scope, body.ruleId(), body.entities(),
                Callers.name(), body.reason(), now, expires)));
    }

    @Requires(Permission.SUPPRESSIONS_MANAGE)
    @DeleteMapping("/{suppressionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenant, @PathVariable UUID suppressionId) {
        if (!suppressions.delete(resolver.resolve(tenant).id(), suppressionId)) {
            throw new NotFoundException("no suppression " + suppressionId);
        }
    }
}
