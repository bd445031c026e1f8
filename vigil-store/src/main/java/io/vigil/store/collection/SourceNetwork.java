package io.vigil.store.collection;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A network from which a tenant sends plain syslog.
 *
 * @param cidr  canonical CIDR block ({@code 10.1.0.0/16})
 * @param codec the codec tagged on its events ({@code syslog}, {@code auto}, …)
 */
public record SourceNetwork(UUID id, TenantId tenant, String cidr, String codec, String label, Instant createdAt) {

    public SourceNetwork {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
