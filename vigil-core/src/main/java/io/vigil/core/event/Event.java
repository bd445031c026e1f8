package io.vigil.core.event;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded event of one tenant.
 *
 * @param fields the event as the source expressed it (decoded, names unchanged); a tree of
 *               {@code Map<String,Object>}, {@code List<Object>}, strings, numbers, booleans and nulls
 * @param common common fields aligned with OCSF ({@code time}, {@code severity_id},
 *               {@code device.hostname}, {@code src_endpoint.ip}, …), added by normalisation and
 *               enrichment; flat dotted keys
 * @param raw    the raw bytes this event was decoded from, kept for evidence and the failure store
 */
public record Event(EventId id, TenantId tenant, SourceRef source, Instant time, Instant receivedAt,
                    Map<String, Object> fields, Map<String, Object> common, byte[] raw) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(receivedAt, "receivedAt");
        fields = Collections.unmodifiableMap(Objects.requireNonNull(fields, "fields"));
        common = Collections.unmodifiableMap(Objects.requireNonNull(common, "common"));
        Objects.requireNonNull(raw, "raw");
    }

    /** A copy with {@code additions} merged into the common fields (later keys win). */
    public Event withCommon(Map<String, Object> additions) {
        Map<String, Object> merged = new LinkedHashMap<>(common);
        merged.putAll(additions);
        return new Event(id, tenant, source, time, receivedAt, fields, merged, raw);
    }

    /** A copy whose event time is {@code eventTime} (the time the source says the event happened). */
    public Event withTime(Instant eventTime) {
        return new Event(id, tenant, source, eventTime, receivedAt, fields, common, raw);
    }
}
