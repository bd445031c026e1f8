package io.vigil.store.collection;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.CrossTenant;
import io.vigil.store.Jdbc;
import io.vigil.store.NotFoundException;
import io.vigil.store.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Records, lists and revokes collector certificates; the TLS listener looks them up by serial. */
public final class CollectorCertificates {

    private static final String COLUMNS =
            "serial, tenant_id, collector, fingerprint_sha256, not_before, not_after, issued_at, revoked_at";

    private final DataSource dataSource;
    private final Clock clock;

    public CollectorCertificates(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a certificate just issued for the tenant.
     *
     * @throws NotFoundException if the tenant does not exist
     */
    public CollectorCertificate record(TenantId tenant, String serial, String collector, String fingerprintSha256,
                                       java.time.Instant notBefore, java.time.Instant notAfter) {
        CollectorCertificate certificate = new CollectorCertificate(serial, tenant, collector, fingerprintSha256,
                Jdbc.asStored(notBefore), Jdbc.asStored(notAfter), Jdbc.now(clock), null);
        Jdbc.withConnection(dataSource, "recording collector certificate " + serial + " of tenant " + tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO collector_certificate (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
                insert.setString(1, serial);
                insert.setObject(2, tenant.value());
                insert.setString(3, collector);
                insert.setString(4, fingerprintSha256);
                insert.setObject(5, Jdbc.timestamp(certificate.notBefore()));
                insert.setObject(6, Jdbc.timestamp(certificate.notAfter()));
                insert.setObject(7, Jdbc.timestamp(certificate.issuedAt()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isMissingParent(e)) {
                    throw new NotFoundException("tenant " + tenant + " not found");
                }
                throw e;
            }
            return null;
        });
        return certificate;
    }

    /** The tenant's certificates, valid and revoked, oldest first. */
    public List<CollectorCertificate> list(TenantId tenant) {
        return Jdbc.withConnection(dataSource, "listing collector certificates of tenant " + tenant,
                connection -> select(connection, "tenant_id = ? ORDER BY issued_at, serial", tenant.value()));
    }

    /** The tenant's certificate with this serial; empty for another tenant's. */
    public Optional<CollectorCertificate> find(TenantId tenant, String serial) {
        return Jdbc.withConnection(dataSource, "finding collector certificate " + serial + " of tenant " + tenant,
                connection -> select(connection, "tenant_id = ? AND serial = ?", tenant.value(), serial)).stream().findFirst();
    }

    /**
     * Revokes the tenant's certificate; idempotent (the first revocation time stays).
     *
     * @return whether the tenant has a certificate with this serial
     */
    public boolean revoke(TenantId tenant, String serial) {
        return Jdbc.withConnection(dataSource, "revoking collector certificate " + serial + " of tenant " + tenant,
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE collector_certificate SET revoked_at = COALESCE(revoked_at, ?) WHERE serial = ? AND tenant_id = ?")) {
                        update.setObject(1, Jdbc.timestamp(Jdbc.now(clock)));
                        update.setString(2, serial);
                        update.setObject(3, tenant.value());
                        return update.executeUpdate() > 0;
                    }
                });
    }

    /** The certificate with this serial, of whichever tenant: the TLS handshake, where the certificate tells the tenant. */
    @CrossTenant("the presented certificate, signed by the MSSP CA, names the tenant")
    public Optional<CollectorCertificate> bySerial(String serial) {
        return Jdbc.withConnection(dataSource, "looking up collector certificate " + serial,
                connection -> select(connection, "serial = ?", serial)).stream().findFirst();
    }

    private static List<CollectorCertificate> select(Connection connection, String where, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM collector_certificate WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<CollectorCertificate> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(new CollectorCertificate(rows.getString("serial"),
                            new TenantId(rows.getObject("tenant_id", UUID.class)), rows.getString("collector"),
                            rows.getString("fingerprint_sha256"), Jdbc.instant(rows, "not_before"),
                            Jdbc.instant(rows, "not_after"), Jdbc.instant(rows, "issued_at"), Jdbc.instant(rows, "revoked_at")));
                }
                return found;
            }
        }
    }
}
