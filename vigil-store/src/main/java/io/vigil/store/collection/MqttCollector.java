package io.vigil.store.collection;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One stored MQTT topic mapping of a tenant. */
public record MqttCollector(UUID id, TenantId tenant, String topicFilter, String sourceType, String codec,
                            Instant createdAt, String createdBy) {

    public MqttCollector {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(topicFilter, "topicFilter");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
