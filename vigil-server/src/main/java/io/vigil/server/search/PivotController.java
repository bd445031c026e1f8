package io.vigil.server.search;

import io.vigil.core.access.Permission;
import io.vigil.core.event.Event;
import io.vigil.core.search.EventQuery;
import io.vigil.core.search.EventStore;
import io.vigil.core.search.SearchPage;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.detection.Detections;
import io.vigil.store.detection.StoredDetection;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * From a detection to its source event in the store, and to the events of the same host, user and source and
 * destination IP within {@code window} before and after it.
 */
@RestController
class PivotController {

    /** Pivot name → the common field it follows. */
    static final Map<String, String> PIVOTS = pivots();

    private final EventStore store;
    private final Detections detections;
    private final TenantResolver resolver;

    PivotController(EventStore store, Detections detections, TenantResolver resolver) {
        this.store = store;
        this.detections = detections;
        this.resolver = resolver;
    }

    private static Map<String, String> pivots() {
        Map<String, String> pivots = new LinkedHashMap<>();
        pivots.put("host", "device.hostname");
        pivots.put("user", "actor.user.name");
        pivots.put("src_ip", "src_endpoint.ip");
        pivots.put("dst_ip", "dst_endpoint.ip");
        return pivots;
    }

    /** Events sharing one value with the source event; {@code query} repeats them through /search. */
    record Related(String field, String value, String query, List<EventView> events, long total) {
    }

    record PivotView(String detectionId, String ruleId, String title, EventView event, TimeRange window,
                     List<Related> related) {
    }

    @Requires(Permission.EVENTS_READ)
    @GetMapping("/api/v1/tenants/{tenant}/detections/{detectionId}/pivot")
    PivotView pivot(@PathVariable String tenant, @PathVariable UUID detectionId,
                    @RequestParam(defaultValue = "PT15M") String window, @RequestParam(defaultValue = "20") int limit) {
        Tenant scope = resolver.resolve(tenant);
        Duration around = window(window);
        StoredDetection detection = detections.find(scope.id(), detectionId)
                .orElseThrow(() -> new NotFoundException("no detection " + detectionId));
        // The detection keeps the event time to the microsecond; the store's index is by millisecond.
        TimeRange exact = new TimeRange(detection.eventTime().minusSeconds(1), detection.eventTime().plusSeconds(1));
        Event event = store.find(scope.id(), detection.eventId(), exact).orElseThrow(() -> new NotFoundException(
                "the event of detection " + detectionId + " is no longer stored (retention)"));
        TimeRange range = new TimeRange(event.time().minus(around), event.time().plus(around).plusMillis(1));
        List<Related> related = new java.util.ArrayList<>();
        for (Map.Entry<String, String> pivot : PIVOTS.entrySet()) {
            Object value = event.common().get(pivot.getValue());
            if (value == null || String.valueOf(value).isBlank()) {
                continue;
            }
            String query = pivot.getValue() + ":\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\" AND NOT id:" + event.id();
            SearchPage page = store.search(scope.id(), EventQuery.of(query, range, limit));
            related.add(new Related(pivot.getKey(), String.valueOf(value), query,
                    page.events().stream().map(EventView::of).toList(), page.total()));
        }
        return new PivotView(detectionId.toString(), detection.detection().ruleId(), detection.detection().title(),
                EventView.of(event), range, related);
    }

    private static Duration window(String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("window must be more than 0 and at most 7 days, was " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("window '" + text + "' is no ISO-8601 duration such as PT15M");
        }
    }
}
