package io.vigil.server.collection;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.ingest.mqtt.TopicFilter;
import io.vigil.ingest.mqtt.TopicMapping;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.collection.MqttCollector;
import io.vigil.store.collection.MqttCollectors;
import java.security.Principal;
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

/** A tenant's MQTT topic mappings: which topics are its telemetry, of which source type and codec. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/collectors/mqtt")
class MqttCollectorController {

    static final int MAX_PER_TENANT = 200;

    private final MqttCollectors collectors;
    private final TenantResolver resolver;
    private final MqttMappings mappings;

    MqttCollectorController(MqttCollectors collectors, TenantResolver resolver, MqttMappings mappings) {
        this.collectors = collectors;
        this.resolver = resolver;
        this.mappings = mappings;
    }

    record MappingBody(String topicFilter, String sourceType, String codec) {
    }

    record MappingView(String id, String topicFilter, String sourceType, String codec, Instant createdAt, String createdBy) {
        static MappingView of(MqttCollector c) {
            return new MappingView(c.id().toString(), c.topicFilter(), c.sourceType(), c.codec(), c.createdAt(), c.createdBy());
        }
    }

    @Requires(Permission.SOURCES_READ)
    @GetMapping
    List<MappingView> list(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return collectors.list(scope.id()).stream().map(MappingView::of).toList();
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    MappingView add(@PathVariable String tenant, @RequestBody MappingBody body, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = new Validation();
        String filter = body == null ? null : body.topicFilter();
        validation.require(filter != null, "topicFilter", "required");
        if (filter != null) {
            TopicFilter.problems(filter).forEach(problem -> validation.require(false, "topicFilter", problem));
        }
        String sourceType = body == null ? null : body.sourceType();
        validation.require(sourceType != null && TopicMapping.LABEL.matcher(sourceType).matches(), "sourceType",
                "1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        String codec = body == null || body.codec() == null ? "json" : body.codec();
        validation.require(TopicMapping.LABEL.matcher(codec).matches(), "codec",
                "1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit (default json)");
        validation.require(collectors.list(scope.id()).size() < MAX_PER_TENANT, "topicFilter",
                "a tenant has at most " + MAX_PER_TENANT + " MQTT mappings");
        validation.throwIfInvalid("MQTT mapping");
        MqttCollector added = collectors.add(scope.id(), filter, sourceType, codec, caller == null ? "unknown" : caller.getName());
        mappings.refresh();
        return MappingView.of(added);
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenant, @PathVariable UUID id) {
        Tenant scope = resolver.resolve(tenant);
        if (!collectors.delete(scope.id(), id)) {
            throw new NotFoundException("no MQTT mapping " + id);
        }
        mappings.refresh();
    }
}
