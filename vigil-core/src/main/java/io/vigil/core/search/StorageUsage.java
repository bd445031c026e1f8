package io.vigil.core.search;

import java.time.LocalDate;

/**
 * What a tenant's stored events take.
 *
 * @param oldestDay the oldest partition's day (UTC), or null when nothing is stored
 */
public record StorageUsage(long bytes, long events, int partitions, LocalDate oldestDay, LocalDate newestDay) {
}
