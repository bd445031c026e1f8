package io.vigil.server.audit;

import io.vigil.core.access.ActorKind;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.AccessAttributes;
import io.vigil.server.security.VigilPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records HTTP requests in the audit log once they are answered: every state-changing request ({@code http.request},
 * whatever its outcome, unauthenticated ones included), every read of a tenant's data
 * ({@code GET /api/v1/tenants/{tenant}/...}) by MSSP staff ({@code tenant-data.read}), and every read by any signed-in
 * caller that was refused with 403, or with 404 on a tenant's path (the latter {@code tenant-data.read}, others
 * {@code http.request}): an attempt on another tenant leaves a trace whoever makes it.
 *
 * <p>It runs outside Spring Security, so it sees the 401s that never reach a controller; the caller comes from
 * {@link AuditInterceptor}. Recording is synchronous: the entry is durable before the thread serves another request.
 * A failure to record is logged, not answered to the client, whose request has already been carried out.
 */
final class RequestAuditFilter extends OncePerRequestFilter {

    static final String HTTP_REQUEST = "http.request";
    static final String TENANT_DATA_READ = "tenant-data.read";
    static final String ANONYMOUS = "anonymous";
    private static final String TENANT_PREFIX = "/api/v1/tenants/";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Logger LOG = LoggerFactory.getLogger(RequestAuditFilter.class);

    private final AuditSink sink;
    private final TenantLookup tenants;
    private final boolean trustForwardedFor;
    private final Clock clock;

    RequestAuditFilter(AuditSink sink, TenantLookup tenants, boolean trustForwardedFor, Clock clock) {
        this.sink = sink;
        this.tenants = tenants;
        this.trustForwardedFor = trustForwardedFor;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            try {
                audit(request, response.getStatus()).ifPresent(sink::record);
            } catch (RuntimeException e) {
                LOG.error("Recording {} {} in the audit log failed", request.getMethod(), request.getRequestURI(), e);
            }
        }
    }

    /** What to record for an answered request, if anything. */
    Optional<AuditRecord> audit(HttpServletRequest request, int status) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        AuditInterceptor.Caller caller = caller(request);
        boolean stateChanging = !READ_METHODS.contains(method);
        boolean staffRead = "GET".equals(method) && path.startsWith(TENANT_PREFIX) && caller != null
                && ActorKind.MSSP_STAFF.code().equals(caller.kind());
        // A signed-in caller refused a read: a probe of another tenant or of what the caller may not see.
        boolean refusedRead = caller != null && (status == 403 || status == 404 && path.startsWith(TENANT_PREFIX));
        if (!stateChanging && !staffRead && !refusedRead) {
            return Optional.empty();
        }
        Map<String, String> details = new TreeMap<>();
        details.put("status", Integer.toString(status));
        Object denied = request.getAttribute(AccessAttributes.DENIED);
        if (denied != null) {
            details.put("denied", denied.toString());
        }
        TenantId tenant = tenant(request, path, details);
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String target = method + " " + (pattern == null || pattern.equals(path) ? "" : pattern + " ") + path;
        String actorName = caller == null ? ANONYMOUS : caller.name();
        if (caller != null && caller.credential() != null) {
            details.put("credential", caller.credential());
        }
        String action = stateChanging || !path.startsWith(TENANT_PREFIX) ? HTTP_REQUEST : TENANT_DATA_READ;
        return Optional.of(new AuditRecord(clock.instant(), caller == null ? null : caller.id(), actorName,
                caller == null ? null : caller.kind(), tenant, action, target,
                outcome(status, denied != null), sourceIp(request), request.getHeader("User-Agent"), details));
    }

    /**
     * Who called: as {@link AuditInterceptor} noted it while the request was handled, else as authentication noted it
     * (requests refused before any handler, by Spring Security or the CSRF check).
     */
    private static AuditInterceptor.Caller caller(HttpServletRequest request) {
        if (request.getAttribute(AuditInterceptor.CALLER) instanceof AuditInterceptor.Caller noted) {
            return noted;
        }
        return request.getAttribute(AccessAttributes.PRINCIPAL) instanceof VigilPrincipal principal
                ? AuditInterceptor.Caller.of(principal) : null;
    }

    static AuditOutcome outcome(int status, boolean accessDenied) {
        if (status < 400) {
            return AuditOutcome.SUCCESS;
        }
        if (status == 401 || status == 403 || status == 404 && accessDenied) {
            return AuditOutcome.DENIED;
        }
        return AuditOutcome.FAILED;
    }

    /** The tenant concerned: as access enforcement resolved it, else the {@code {tenant}} of the path. */
    private TenantId tenant(HttpServletRequest request, String path, Map<String, String> details) {
        if (request.getAttribute(AccessAttributes.TENANT) instanceof Tenant resolved) {
            return resolved.id();
        }
        if (request.getAttribute(AccessAttributes.CONCERNED_TENANT) instanceof TenantId concerned) {
            return concerned;
        }
        String reference = null;
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("tenant") instanceof String variable) {
            reference = variable;
        } else if (path.startsWith(TENANT_PREFIX)) {
            // Not routed (refused before Spring MVC): the segment after /tenants/.
            String rest = path.substring(TENANT_PREFIX.length());
            int slash = rest.indexOf('/');
            reference = slash < 0 ? rest : rest.substring(0, slash);
        }
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        Optional<TenantId> found = tenants.find(reference);
        if (found.isEmpty()) {
            details.put("tenant", reference);
        }
        return found.orElse(null);
    }

    private String sourceIp(HttpServletRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                // The last entry is the one our own proxy appended; earlier ones are whatever the client sent.
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].strip();
            }
        }
        return request.getRemoteAddr();
    }
}
