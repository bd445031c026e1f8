package io.vigil.server.collection;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.ingest.tls.CollectorIdentity;
import io.vigil.ingest.tls.IssuedCertificate;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.collection.CollectorCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's collector certificates for syslog over TLS. The private key is in the answer to issue, once,
 * and never stored.
 */
@RestController
class CollectorCertificateController {

    static final String PATH = "/api/v1/tenants/{tenant}/collectors/certificates";
    static final int MAX_VALIDITY_DAYS = 3650;

    private final CollectorCertificateService service;
    private final TenantResolver resolver;
    private final IngestTls tls;

    CollectorCertificateController(CollectorCertificateService service, TenantResolver resolver, IngestTls tls) {
        this.service = service;
        this.resolver = resolver;
        this.tls = tls;
    }

    /** @param validityDays optional; the configured default when absent */
    record IssueRequest(String collector, Integer validityDays) {
    }

    record CertificateView(String serial, String tenant, String collector, String fingerprintSha256, Instant notBefore,
                           Instant notAfter, Instant issuedAt, Instant revokedAt, String status) {
        static CertificateView of(CollectorCertificate c) {
            return new CertificateView(c.serial(), c.tenant().toString(), c.collector(), c.fingerprintSha256(), c.notBefore(),
                    c.notAfter(), c.issuedAt(), c.revokedAt(), c.revoked() ? "revoked" : "valid");
        }
    }

    record IssuedView(String serial, String tenant, String collector, String fingerprintSha256, Instant notBefore,
                      Instant notAfter, String certificatePem, String privateKeyPem, String caCertificatePem) {
        static IssuedView of(IssuedCertificate issued) {
            return new IssuedView(issued.serialHex(), issued.tenant().toString(), issued.collector(), issued.fingerprint(),
                    issued.notBefore(), issued.notAfter(), issued.certificatePem(), issued.privateKeyPem(),
                    issued.caCertificatePem());
        }
    }

    record CaView(String certificatePem, String subject, Instant notAfter) {
    }

    @Requires(Permission.SOURCES_READ)
    @GetMapping(PATH)
    List<CertificateView> list(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return service.list(scope.id()).stream().map(CertificateView::of).toList();
    }

    /** The CA certificate collectors trust the listener with (public). */
    @Requires(Permission.SOURCES_READ)
    @GetMapping(PATH + "/ca")
    CaView ca(@PathVariable String tenant) {
        resolver.resolve(tenant);
        var certificate = tls.ca().certificate();
        return new CaView(tls.ca().certificatePem(), certificate.getSubjectX500Principal().getName(),
                certificate.getNotAfter().toInstant());
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    IssuedView issue(@PathVariable String tenant, @RequestBody IssueRequest request) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = new Validation();
        validation.require(request.collector() != null && CollectorIdentity.COLLECTOR_NAME.matcher(request.collector()).matches(),
                "collector", "1-63 characters of letters, digits, '.', '-' and '_', starting with a letter or digit");
        validation.require(request.validityDays() == null || (request.validityDays() >= 1 && request.validityDays() <= MAX_VALIDITY_DAYS),
                "validityDays", "1-" + MAX_VALIDITY_DAYS);
        validation.throwIfInvalid("collector certificate");
        Duration validity = request.validityDays() == null ? null : Duration.ofDays(request.validityDays());
        return IssuedView.of(service.issue(scope.id(), request.collector(), validity));
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @DeleteMapping(PATH + "/{serial}")
    CertificateView revoke(@PathVariable String tenant, @PathVariable String serial) {
        Tenant scope = resolver.resolve(tenant);
        String normalized = serial.toLowerCase(Locale.ROOT);
        if (!normalized.matches("[0-9a-f]{1,64}") || !service.revoke(scope.id(), normalized)) {
            throw new NotFoundException("no collector certificate " + serial);
        }
        return service.find(scope.id(), normalized).map(CertificateView::of)
                .orElseThrow(() -> new NotFoundException("no collector certificate " + serial));
    }
}
