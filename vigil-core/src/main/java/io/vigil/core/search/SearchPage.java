package io.vigil.core.search;

import io.vigil.core.event.Event;
import java.util.List;

/**
 * One page of results.
 *
 * @param events     the events of the page, in the query's order
 * @param nextCursor the cursor of the next page, or null when this page is the last
 * @param total      how many events match, counted up to {@code totalIsExact ? total : a lower bound}
 */
public record SearchPage(List<Event> events, String nextCursor, long total, boolean totalIsExact) {

    public SearchPage {
        events = List.copyOf(events);
    }
}
