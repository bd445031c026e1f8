package io.vigil.server.event;

import io.vigil.core.access.Permission;
import io.vigil.core.event.EventId;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.event.RecentEvents;
import io.vigil.store.event.StoredEvent;
import io.vigil.store.failure.JdbcFailureStore;
import io.vigil.store.failure.StoredFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's processed events (the bounded recent-events view) and its failure store. Lists are newest
 * first and paged with {@code before}, the {@code seq} of the last item of the previous page.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class EventController {

    static final int MAX_LIMIT = 1000;

    private final RecentEvents events;
    private final JdbcFailureStore failures;
    private final TenantResolver resolver;

    EventController(RecentEvents events, JdbcFailureStore failures, TenantResolver resolver) {
        this.events = events;
        this.failures = failures;
        this.resolver = resolver;
    }

    record EventView(long seq, String id, String tenant, Map<String, String> source, Instant time, Instant receivedAt,
                     Map<String, Object> common, Map<String, Object> fields, String raw) {
        static EventView of(StoredEvent event) {
            return new EventView(event.seq(), event.id().toString(), event.tenant().toString(),
                    Map.of("input", event.source().input(), "name", event.source().name(), "codec", event.source().codec()),
                    event.time(), event.receivedAt(), event.common(), event.fields(),
                    new String(event.raw(), StandardCharsets.UTF_8));
        }
    }

    record Page<T>(List<T> items, Long nextBefore, long total) {
    }

    record FailureView(long seq, String id, String tenant, Map<String, String> source, String phase, String stage,
                       String reason, Instant receivedAt, Instant failedAt, int rawBytes, String rawBase64) {
        static FailureView of(StoredFailure stored, boolean withRaw) {
            Failure f = stored.failure();
            return new FailureView(stored.seq(), f.id().toString(), f.tenant().toString(),
                    Map.of("input", f.source().input(), "name", f.source().name(), "codec", f.source().codec()),
                    f.phase().name().toLowerCase(Locale.ROOT), f.stage(), f.reason(), f.receivedAt(), f.failedAt(),
                    f.raw().length, withRaw ? Base64.getEncoder().encodeToString(f.raw()) : null);
        }
    }

    @Requires(Permission.EVENTS_READ)
    @GetMapping("/events")
    Page<EventView> recent(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit,
                           @RequestParam(required = false) Long before) {
        Tenant scope = resolver.resolve(tenant);
        int bounded = bounded(limit);
        List<EventView> items = events.recent(scope.id(), bounded, before).stream().map(EventView::of).toList();
        Long next = items.size() == bounded ? items.getLast().seq() : null;
        return new Page<>(items, next, events.count(scope.id()));
    }

    @Requires(Permission.EVENTS_READ)
    @GetMapping("/events/{eventId}")
    EventView event(@PathVariable String tenant, @PathVariable UUID eventId) {
        Tenant scope = resolver.resolve(tenant);
        return events.find(scope.id(), new EventId(eventId)).map(EventView::of)
                .orElseThrow(() -> new NotFoundException("no event " + eventId));
    }

    @Requires(Permission.FAILURES_READ)
    @GetMapping("/failures")
    Page<FailureView> failures(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit,
                               @RequestParam(required = false) Long before) {
        Tenant scope = resolver.resolve(tenant);
        int bounded = bounded(limit);
        List<FailureView> items = failures.list(scope.id(), bounded, before).stream()
                .map(f -> FailureView.of(f, false)).toList();
        Long next = items.size() == bounded ? items.getLast().seq() : null;
        return new Page<>(items, next, failures.count(scope.id()));
    }

    @Requires(Permission.FAILURES_READ)
    @GetMapping("/failures/{failureId}")
    FailureView failure(@PathVariable String tenant, @PathVariable UUID failureId) {
        Tenant scope = resolver.resolve(tenant);
        return failures.find(scope.id(), new EventId(failureId)).map(f -> FailureView.of(f, true))
                .orElseThrow(() -> new NotFoundException("no failure " + failureId));
    }

    private static int bounded(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }
}
