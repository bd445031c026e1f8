package io.vigil.core.search;

import java.util.Objects;

/**
 * One page of a search.
 *
 * @param query  the query text (see docs/search.md); blank means every event in the range
 * @param range  the event-time range searched, always required
 * @param order  result order
 * @param limit  page size, 1-{@value #MAX_LIMIT}
 * @param cursor the {@link SearchPage#nextCursor()} of the previous page, or null for the first page
 */
public record EventQuery(String query, TimeRange range, SearchOrder order, int limit, String cursor) {

    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        query = query == null ? "" : query;
        Objects.requireNonNull(range, "range");
        order = order == null ? SearchOrder.NEWEST_FIRST : order;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
    }

    public static EventQuery of(String query, TimeRange range, int limit) {
        return new EventQuery(query, range, SearchOrder.NEWEST_FIRST, limit, null);
    }

    public EventQuery after(String nextCursor) {
        return new EventQuery(query, range, order, limit, nextCursor);
    }
}
