package io.vigil.server.detect;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.detection.DetectionEntry;
import io.vigil.store.detection.Detections;
import io.vigil.store.detection.StoredDetection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's Sigma detections, newest first, paged with {@code before} (the {@code seq} of the last item of the
 * previous page). Each carries the rule's author, as the Detection Rule License 1.1 requires.
 */
@Requires(Permission.DETECTIONS_READ)
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/detections")
class DetectionController {

    static final int MAX_LIMIT = Detections.MAX_PAGE;

    private final Detections detections;
    private final TenantResolver resolver;

    DetectionController(Detections detections, TenantResolver resolver) {
        this.detections = detections;
        this.resolver = resolver;
    }

    record DetectionView(long seq, String id, String tenant, String eventId, String ruleId, String title,
                         String level, String status, String author, List<String> tags, List<String> references,
                         List<String> matchedFields, Instant eventTime, Instant detectedAt,
                         DetectionEntry.Correlated correlation) {
        static DetectionView of(StoredDetection stored) {
            DetectionEntry d = stored.detection();
            return new DetectionView(stored.seq(), stored.id().toString(), stored.tenant().toString(),
                    stored.eventId().toString(), d.ruleId(), d.title(), d.level(), d.status(), d.author(), d.tags(),
                    d.references(), d.matchedFields(), stored.eventTime(), d.detectedAt(), d.correlation());
        }
    }

    record Page(List<DetectionView> items, Long nextBefore, long total) {
    }

    @GetMapping
    Page list(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit,
              @RequestParam(required = false) Long before) {
        Tenant scope = resolver.resolve(tenant);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        List<DetectionView> items = detections.recent(scope.id(), limit, before).stream().map(DetectionView::of).toList();
        Long next = items.size() == limit ? items.getLast().seq() : null;
        return new Page(items, next, detections.count(scope.id()));
    }

    @GetMapping("/{detectionId}")
    DetectionView detection(@PathVariable String tenant, @PathVariable UUID detectionId) {
        Tenant scope = resolver.resolve(tenant);
        return detections.find(scope.id(), detectionId).map(DetectionView::of)
                .orElseThrow(() -> new NotFoundException("no detection " + detectionId));
    }
}
