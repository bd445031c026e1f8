package io.vigil.server.soc.incident;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.incident.AttachmentRef;
import io.vigil.soc.incident.CaseWork;
import io.vigil.soc.incident.Incident;
import io.vigil.store.NotFoundException;
import io.vigil.store.soc.incident.JdbcAttachments;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notes and attachments (incidents:comment). An attachment is the raw request body, at most
 * {@code vigil.incidents.max-attachment-bytes}; it is served back only as a download
 * ({@code application/octet-stream}, {@code nosniff}) so that an uploaded page never renders in a browser.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/incidents/{incidentId}")
class IncidentCommentController {

    private final CaseWork work;
    private final JdbcAttachments attachments;
    private final TenantResolver resolver;

    IncidentCommentController(CaseWork work, JdbcAttachments attachments, TenantResolver resolver) {
        this.work = work;
        this.attachments = attachments;
        this.resolver = resolver;
    }

    record NoteRequest(String text) {
    }

    @Requires(Permission.INCIDENTS_COMMENT)
    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView note(@PathVariable String tenant, @PathVariable UUID incidentId, @RequestBody NoteRequest body) {
        TenantId scope = resolver.resolve(tenant).id();
        return IncidentView.of(work.addNote(scope, incidentId, Callers.name(), body.text()));
    }

    @Requires(Permission.INCIDENTS_COMMENT)
    @PostMapping("/attachments")
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView attach(@PathVariable String tenant, @PathVariable UUID incidentId,
                        @RequestParam(required = false) String name, HttpServletRequest request) {
        TenantId scope = resolver.resolve(tenant).id();
        work.get(scope, incidentId);
        String file = Callers.required("name (query parameter)", name);
        byte[] content = Bodies.read(request, (int) work.maxAttachmentBytes(), "attachment");
        return IncidentView.of(work.attach(scope, incidentId, Callers.name(), file, request.getContentType(), content));
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping("/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable String tenant, @PathVariable UUID incidentId,
                                    @PathVariable UUID attachmentId) {
        TenantId scope = resolver.resolve(tenant).id();
        Incident incident = work.get(scope, incidentId);
        AttachmentRef ref = incident.attachments().stream().filter(a -> a.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("no attachment " + attachmentId));
        byte[] content = attachments.content(scope, incidentId, attachmentId)
                .orElseThrow(() -> new NotFoundException("no attachment " + attachmentId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(ref.name()).build().toString())
                .body(content);
    }
}
