package io.vigil.server.audit;

import io.vigil.core.access.Permission;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.audit.AuditEntry;
import io.vigil.store.audit.AuditExport;
import io.vigil.store.audit.AuditQuery;
import io.vigil.store.audit.JdbcAuditLog;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading the audit log: the whole log for platform auditors, a tenant's entries for that tenant's auditors, and the
 * export (a zip of canonical entries, signed checkpoints, public key and verification instructions).
 * Lists are newest first, paged with {@code before} (the {@code seq} of the last item of the previous page).
 */
@RestController
class AuditController {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final JdbcAuditLog log;
    private final TenantResolver resolver;
    private final Clock clock;

    AuditController(JdbcAuditLog log, TenantResolver resolver, Clock clock) {
        this.log = log;
        this.resolver = resolver;
        this.clock = clock;
    }

    record EntryView(long seq, Instant at, String actorId, String actorName, String actorKind, String tenant,
                     String action, String target, String outcome, String sourceIp, String userAgent,
                     Map<String, String> details, String prevHash, String hash) {
        static EntryView of(AuditEntry entry) {
            AuditRecord r = entry.record();
            return new EntryView(entry.seq(), r.at(), r.actorId() == null ? null : r.actorId().toString(), r.actorName(),
                    r.actorKind(), r.tenant() == null ? null : r.tenant().toString(), r.action(), r.target(),
                    r.outcome().name(), r.sourceIp(), r.userAgent(), r.details(), entry.prevHash(), entry.hash());
        }
    }

    record Page(List<EntryView> items, Long nextBefore) {
        static Page of(List<AuditEntry> entries, int limit) {
            List<EntryView> items = entries.stream().map(EntryView::of).toList();
            return new Page(items, items.size() == limit ? items.getLast().seq() : null);
        }
    }

    @GetMapping("/api/v1/platform/audit")
    @Requires(Permission.PLATFORM_AUDIT_READ)
    Page platform(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long before,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String actor,
                  @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                  @RequestParam(required = false) String tenant) {
        AuditQuery query = new AuditQuery(tenant == null ? null : resolver.resolve(tenant).id(), action, actor, from, to,
                before, limit);
        return Page.of(log.page(query), limit);
    }

    @GetMapping("/api/v1/tenants/{tenant}/audit")
    @Requires(Permission.TENANT_AUDIT_READ)
    Page tenant(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit,
                @RequestParam(required = false) Long before, @RequestParam(required = false) String action,
                @RequestParam(required = false) String actor, @RequestParam(required = false) Instant from,
                @RequestParam(required = false) Instant to) {
        Tenant scope = resolver.resolve(tenant);
        return Page.of(log.page(new AuditQuery(scope.id(), action, actor, from, to, before, limit)), limit);
    }

    /**
     * The whole log as an export zip, streamed on the request's own thread (an async body would be dispatched again
     * through the security filters without the caller's authentication).
     */
    @GetMapping("/api/v1/platform/audit/export")
    @Requires(Permission.PLATFORM_AUDIT_READ)
    void export(HttpServletResponse response) throws IOException {
        String name = "vigil-audit-" + FILE_TIME.format(clock.instant()) + ".zip";
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        AuditExport.writeZip(log, response.getOutputStream());
        response.flushBuffer();
    }

    /** The public key checkpoints are signed with, as PEM. */
    @GetMapping(value = "/api/v1/platform/audit/public-key", produces = "application/x-pem-file")
    @Requires(Permission.PLATFORM_AUDIT_READ)
    String publicKey() {
        return log.key().publicPem();
    }
}
