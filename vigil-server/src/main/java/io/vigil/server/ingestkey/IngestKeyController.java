package io.vigil.server.ingestkey;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.ingestkey.IngestKey;
import io.vigil.store.ingestkey.IngestKeyId;
import io.vigil.store.ingestkey.IngestKeys;
import io.vigil.store.ingestkey.IssuedIngestKey;
import java.time.Instant;
import java.util.List;
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

/** A tenant's ingest keys. The secret is in the answer to create, once, and never again. */
@Requires(Permission.INGEST_KEYS_MANAGE)
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/ingest-keys")
class IngestKeyController {

    private final IngestKeys keys;
    private final TenantResolver resolver;

    IngestKeyController(IngestKeys keys, TenantResolver resolver) {
        this.keys = keys;
        this.resolver = resolver;
    }

    record CreateKey(String label) {
    }

    record KeyView(String id, String tenant, String label, Instant createdAt, Instant revokedAt, String secret) {
        static KeyView of(IngestKey key, String secret) {
            return new KeyView(key.id().toString(), key.tenant().toString(), key.label(), key.createdAt(), key.revokedAt(), secret);
        }
    }

    @GetMapping
    List<KeyView> list(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return keys.list(scope.id()).stream().map(key -> KeyView.of(key, null)).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    KeyView create(@PathVariable String tenant, @RequestBody CreateKey request) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = new Validation();
        validation.require(request.label() != null && !request.label().isBlank() && request.label().strip().length() <= 100,
                "label", "1-100 characters");
        validation.throwIfInvalid("ingest key");
        IssuedIngestKey issued = keys.issue(scope.id(), request.label());
        return KeyView.of(issued.key(), issued.secret());
    }

    @DeleteMapping("/{keyId}")
    KeyView revoke(@PathVariable String tenant, @PathVariable UUID keyId) {
        Tenant scope = resolver.resolve(tenant);
        IngestKeyId id = new IngestKeyId(keyId);
        keys.revoke(scope.id(), id);
        return keys.find(scope.id(), id).map(key -> KeyView.of(key, null))
                .orElseThrow(() -> new NotFoundException("no ingest key " + keyId));
    }
}
