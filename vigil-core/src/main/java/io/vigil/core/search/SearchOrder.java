package io.vigil.core.search;

/** Order of search results: by event time, ties broken by event id, so that cursors are stable. */
public enum SearchOrder {
    NEWEST_FIRST,
    OLDEST_FIRST
}
