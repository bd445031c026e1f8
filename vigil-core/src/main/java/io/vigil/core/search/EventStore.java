package io.vigil.core.search;

import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.tenant.TenantId;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Stored events, searched per tenant over a time range. Each method takes the tenant first and reads only that
 * tenant's events; no query text can name another tenant. Writing happens through the pipeline (the store is an
 * {@link io.vigil.core.pipeline.Output}).
 *
 * @see InvalidQueryException thrown for a query the store refuses (syntax, limits, timeout)
 */
public interface EventStore {

    /** One page of the tenant's events matching the query, in the query's order. */
    SearchPage search(TenantId tenant, EventQuery query);

    /** Computes an aggregation over the tenant's events matching {@code query} in {@code range}. */
    AggregationResult aggregate(TenantId tenant, String query, TimeRange range, Aggregation aggregation);

    /**
     * Hands the matching events, oldest first, to {@code sink} until it returns false or {@code max} were handed;
     * pages internally, so memory stays bounded. Returns how many were handed.
     */
    long stream(TenantId tenant, String query, TimeRange range, long max, Predicate<Event> sink);

    /** The tenant's event with this id, looked up within {@code range}. */
    Optional<Event> find(TenantId tenant, EventId id, TimeRange range);

    /** What the tenant's stored events take on disk. */
    StorageUsage usage(TenantId tenant);

    /** Deletes the tenant's whole partitions of days before {@code firstKeptDay}; returns how many were deleted. */
    int dropDaysBefore(TenantId tenant, LocalDate firstKeptDay);

    /**
     * Deletes every stored event of the tenant (all its partitions and their files); returns what was deleted.
     * Other tenants' events are not touched. Events written afterwards are stored again.
     */
    StorageUsage deleteTenant(TenantId tenant);
}
