package io.vigil.soc.incident;

import io.vigil.core.tenant.TenantId;
import java.util.Optional;
import java.util.UUID;

/** The bytes of incident attachments, kept apart from the incident document. */
public interface Attachments {

    void put(TenantId tenant, UUID incidentId, AttachmentRef ref, byte[] content);

    Optional<byte[]> content(TenantId tenant, UUID incidentId, UUID attachmentId);
}
