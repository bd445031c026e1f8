package io.vigil.core.source;

import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import java.util.Objects;

/**
 * One sending system of one tenant: the transport it uses and the name the transport knows it by. The codec
 * is not part of the identity: a source keeps its identity when its detected format changes.
 */
public record SourceKey(TenantId tenant, String input, String name) {

    public SourceKey {
        Objects.requireNonNull(tenant, "tenant");
        // SourceRef validates the bounds of input and name.
        new SourceRef(input, name, "-");
    }

    public static SourceKey of(TenantId tenant, SourceRef source) {
        return new SourceKey(tenant, source.input(), source.name());
    }
}
