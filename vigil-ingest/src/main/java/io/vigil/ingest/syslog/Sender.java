package io.vigil.ingest.syslog;

import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import java.util.Objects;

/**
 * Who sends on a connection or datagram, as the transport established it: the tenant (from the client
 * certificate, or the declared source network of the peer address), the source name and the codec.
 */
public record Sender(TenantId tenant, String name, String codec) {

    public Sender {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codec, "codec");
    }

    SourceRef source(String input) {
        return new SourceRef(input, name, codec);
    }
}
