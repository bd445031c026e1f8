package io.vigil.store.event;

import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * An event as the recent-events view keeps it.
 *
 * @param seq      position in arrival order across all tenants; larger is newer; the paging cursor
 * @param time     the event time at microsecond precision (what both databases keep)
 * @param storedAt when the view stored it (from the view's clock)
 * @param fields   as written, after a JSON round trip: numbers come back as the smallest fitting type
 *                 ({@code Integer}, {@code Long}, {@code BigInteger}, {@code Double})
 * @param common   likewise
 */
public record StoredEvent(long seq, EventId id, TenantId tenant, SourceRef source, Instant time,
                          Instant receivedAt, Instant storedAt, Map<String, Object> fields,
                          Map<String, Object> common, byte[] raw) {

    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(storedAt, "storedAt");
        fields = Collections.unmodifiableMap(Objects.requireNonNull(fields, "fields"));
        common = Collections.unmodifiableMap(Objects.requireNonNull(common, "common"));
        Objects.requireNonNull(raw, "raw");
    }

    /** The event again, e.g. to re-run detection over it. */
    public Event toEvent() {
        return new Event(id, tenant, source, time, receivedAt, fields, common, raw);
    }
}
