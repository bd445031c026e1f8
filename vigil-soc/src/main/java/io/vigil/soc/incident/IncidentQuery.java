package io.vigil.soc.incident;

import io.vigil.soc.IncidentState;

/**
 * A page of incidents.
 *
 * @param state   only this state, or null for all
 * @param limit   1-{@value #MAX_LIMIT}
 */
public record IncidentQuery(IncidentState state, int limit) {
    public static final int MAX_LIMIT = 1000;

    public IncidentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
    }
}
