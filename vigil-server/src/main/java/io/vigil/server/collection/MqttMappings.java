package io.vigil.server.collection;

import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.mqtt.MqttInput;
import io.vigil.ingest.mqtt.TopicFilter;
import io.vigil.ingest.mqtt.TopicMapping;
import io.vigil.server.tenant.TenantStatusChanged;
import io.vigil.store.collection.MqttCollector;
import io.vigil.store.collection.MqttCollectors;
import io.vigil.store.tenant.TenantDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Loads the stored mappings of tenants that accept telemetry and hands them to the MQTT input; again after every
 * change through the API, every tenant status change and on the refresh interval (for changes made by another node).
 */
final class MqttMappings {

    private static final Logger LOG = LoggerFactory.getLogger(MqttMappings.class);

    private final MqttCollectors collectors;
    private final TenantDirectory tenants;
    private final MqttInput input;

    MqttMappings(MqttCollectors collectors, TenantDirectory tenants, MqttInput input) {
        this.collectors = collectors;
        this.tenants = tenants;
        this.input = input;
    }

    List<TopicMapping> load() {
        Map<TenantId, Tenant> byId = tenants.list().stream().collect(Collectors.toMap(Tenant::id, Function.identity()));
        List<TopicMapping> mappings = new ArrayList<>();
        for (MqttCollector stored : collectors.all()) {
            Tenant tenant = byId.get(stored.tenant());
            if (tenant == null || !tenant.status().acceptsTelemetry()) {
                continue;
            }
            try {
                mappings.add(new TopicMapping(stored.tenant(), new TopicFilter(stored.topicFilter()), stored.sourceType(),
                        stored.codec()));
            } catch (IllegalArgumentException e) {
                LOG.warn("Stored MQTT mapping {} of tenant {} is invalid and skipped: {}", stored.id(), stored.tenant(), e.getMessage());
            }
        }
        return mappings;
    }

    void refresh() {
        try {
            input.updateMappings(load());
        } catch (RuntimeException e) {
            LOG.warn("Reloading MQTT mappings failed; the previous ones stay in force: {}", e.toString());
        }
    }

    @EventListener
    void tenantStatusChanged(TenantStatusChanged changed) {
        refresh();
    }
}
