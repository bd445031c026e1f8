package io.vigil.store.detection;

import io.vigil.core.event.EventId;
import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A detection as the store keeps it.
 *
 * @param seq       position in arrival order across all tenants; larger is newer; the paging cursor
 * @param id        name-based UUID of (event id, rule id): stable across journal replays
 * @param eventTime the event's time at microsecond precision
 */
public record StoredDetection(long seq, UUID id, TenantId tenant, EventId eventId, Instant eventTime,
                              DetectionEntry detection) {

    public StoredDetection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(detection, "detection");
    }
}
