package io.vigil.store.soc.incident;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.incident.AttachmentRef;
import io.vigil.soc.incident.Attachments;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Attachment bytes in {@code soc_attachment}, deleted with their incident. Size limits are the caller's. */
public final class JdbcAttachments implements Attachments {

    private final DataSource dataSource;

    public JdbcAttachments(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void put(TenantId tenant, UUID incidentId, AttachmentRef ref, byte[] content) {
        Jdbc.inTransaction(dataSource, "storing attachment " + ref.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO soc_attachment (tenant_id, incident_id, id, content, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setObject(1, tenant.value());
                insert.setObject(2, incidentId);
                insert.setObject(3, ref.id());
                insert.setBytes(4, content);
                insert.setObject(5, Jdbc.timestamp(ref.at()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<byte[]> content(TenantId tenant, UUID incidentId, UUID attachmentId) {
        return Jdbc.withConnection(dataSource, "reading attachment " + attachmentId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT content FROM soc_attachment WHERE tenant_id = ? AND incident_id = ? AND id = ?")) {
                select.setObject(1, tenant.value());
                select.setObject(2, incidentId);
                select.setObject(3, attachmentId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }
}
