package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A change ticket or maintenance window: assets (names or identifiers), a time window and a reference. An alert on
 * one of the assets whose event time falls inside an approved window is annotated with the change, and downgraded one
 * priority step when {@code downgrade} is set; it is never dropped.
 *
 * @param source {@code api} or {@code webhook}
 */
public record ChangeWindow(UUID id, TenantId tenant, String reference, List<String> assets, Instant start,
                           Instant end, boolean approved, boolean downgrade, String source, String createdBy,
                           Instant createdAt) {

    public static final Duration MAX_LENGTH = Duration.ofDays(31);

    public ChangeWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            problems.add("reference is required (1-200 characters)");
        }
        assets = assets == null ? List.of() : assets.stream().filter(a -> a != null && !a.isBlank()).map(String::trim).toList();
        if (assets.isEmpty() || assets.size() > 500) {
            problems.add("assets must name 1-500 assets (names, hostnames or IPs)");
        }
        if (start == null || end == null || !end.isAfter(start)) {
            problems.add("start and end are required and end must be after start");
        } else if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            problems.add("a window may last at most 31 days");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("change window is invalid: " + String.join("; ", problems));
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** True when approved, {@code at} is inside [start, end) and one of the values or the asset is named. */
    public boolean covers(Instant at, java.util.Collection<String> values, Asset asset) {
        if (!approved || at.isBefore(start) || !at.isBefore(end)) {
            return false;
        }
        for (String named : assets) {
            if (values.stream().anyMatch(named::equalsIgnoreCase) || asset != null && asset.matches(List.of(named))) {
                return true;
            }
        }
        return false;
    }
}
