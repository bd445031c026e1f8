package io.vigil.server.sources;

import io.vigil.core.access.Permission;
import io.vigil.core.event.SourceRef;
import io.vigil.core.source.SourceHealth;
import io.vigil.core.source.SourceKey;
import io.vigil.core.tenant.Tenant;
import io.vigil.ingest.decode.Decoders;
import io.vigil.ingest.health.SourceHealthRegistry;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.source.LogSources;
import io.vigil.store.source.SourceSignals;
import io.vigil.store.source.StoredSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's log sources with their health and format (detected, pinned), its "log source silent" signals, expected
 * heartbeats and pinned codecs.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/sources")
class SourceController {

    /** Longest heartbeat one may expect: thirty days. */
    static final long MAX_HEARTBEAT_SECONDS = 30L * 24 * 3600;

    private final SourceHealthRegistry registry;
    private final LogSources sources;
    private final SourceSignals signals;
    private final TenantResolver resolver;
    private final Decoders decoders;

    SourceController(SourceHealthRegistry registry, LogSources sources, SourceSignals signals, TenantResolver resolver,
                     Decoders decoders) {
        this.registry = registry;
        this.sources = sources;
        this.signals = signals;
        this.resolver = resolver;
        this.decoders = decoders;
    }

    record SourceView(String input, String name, String codec, String detectedFormat, String pinnedCodec,
                      Instant firstSeen, Instant lastSeen, long events, long bytes, long decodeFailures,
                      double decodeFailureRate, double eventsPerSecond, double baselinePerHour, int baselineHours,
                      Long expectedHeartbeatSeconds, String state) {
        static SourceView of(SourceHealth h) {
            return new SourceView(h.key().input(), h.key().name(), h.codec(), h.detectedFormat(), h.pinnedCodec(),
                    h.firstSeen(), h.lastSeen(), h.events(), h.bytes(), h.decodeFailures(), h.decodeFailureRate(),
                    h.eventsPerSecond(), h.baselinePerHour(), h.baselineHours(),
                    h.expectedHeartbeat() == null ? null : h.expectedHeartbeat().toSeconds(),
                    h.state().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** @param codec the codec to decode the source with, whatever it declares; {@code null} unpins it */
    record CodecBody(String input, String name, String codec) {
    }

    record SignalView(String id, String input, String name, String state, Instant raisedAt, Instant lastSeen,
                      String detail, Instant clearedAt) {
        static SignalView of(StoredSignal s) {
            return new SignalView(s.id().toString(), s.signal().key().input(), s.signal().key().name(),
                    s.signal().state().name().toLowerCase(java.util.Locale.ROOT), s.signal().raisedAt(),
                    s.signal().lastSeen(), s.signal().detail(), s.clearedAt());
        }
    }

    /** @param heartbeatSeconds the longest silence allowed; {@code null} removes it (the learned baseline applies) */
    record HeartbeatBody(String input, String name, Long heartbeatSeconds) {
    }

    @Requires(Permission.SOURCES_READ)
    @GetMapping
    List<SourceView> list(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return registry.snapshot(scope.id()).stream().map(SourceView::of).toList();
    }

    @Requires(Permission.SOURCES_READ)
    @GetMapping("/signals")
    List<SignalView> signals(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = new Validation();
        validation.require(limit >= 1 && limit <= 1000, "limit", "1-1000");
        validation.throwIfInvalid("request");
        return signals.recent(scope.id(), limit).stream().map(SignalView::of).toList();
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @PutMapping("/heartbeat")
    SourceView heartbeat(@PathVariable String tenant, @RequestBody HeartbeatBody body) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = validSource(body == null ? null : body.input(), body == null ? null : body.name());
        validation.require(body == null || body.heartbeatSeconds() == null
                        || body.heartbeatSeconds() >= 1 && body.heartbeatSeconds() <= MAX_HEARTBEAT_SECONDS,
                "heartbeatSeconds", "1-" + MAX_HEARTBEAT_SECONDS + " seconds, or null to rely on the learned baseline");
        validation.throwIfInvalid("heartbeat");
        Duration heartbeat = body.heartbeatSeconds() == null ? null : Duration.ofSeconds(body.heartbeatSeconds());
        sources.setHeartbeat(scope.id(), body.input(), body.name(), heartbeat);
        SourceKey key = new SourceKey(scope.id(), body.input(), body.name());
        registry.expectHeartbeat(key, heartbeat);
        return view(key, "heartbeat");
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @PutMapping("/codec")
    SourceView codec(@PathVariable String tenant, @RequestBody CodecBody body) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = validSource(body == null ? null : body.input(), body == null ? null : body.name());
        validation.require(body == null || body.codec() == null || decoders.codecs().contains(body.codec()), "codec",
                "one of " + new java.util.TreeSet<>(decoders.codecs()) + ", or null to unpin");
        validation.throwIfInvalid("codec");
        sources.setPinnedCodec(scope.id(), body.input(), body.name(), body.codec());
        SourceKey key = new SourceKey(scope.id(), body.input(), body.name());
        registry.pinCodec(key, body.codec());
        return view(key, "codec");
    }

    /** A validation that has checked the source's input and name. */
    private static Validation validSource(String input, String name) {
        Validation validation = new Validation();
        validation.require(validSourcePart(input), "input", "1-" + SourceRef.MAX_LENGTH + " characters");
        validation.require(validSourcePart(name), "name", "1-" + SourceRef.MAX_LENGTH + " characters");
        return validation;
    }

    private SourceView view(SourceKey key, String stored) {
        return registry.find(key).map(SourceView::of).orElseThrow(() -> new IllegalStateException(
                "the source registry is full (vigil.sources.max-sources); the " + stored
                        + " is stored and applies after a restart"));
    }

    private static boolean validSourcePart(String value) {
        return value != null && !value.isEmpty() && value.length() <= SourceRef.MAX_LENGTH
                && value.chars().noneMatch(c -> c < 0x20);
    }
}
