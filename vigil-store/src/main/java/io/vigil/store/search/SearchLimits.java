package io.vigil.store.search;

import java.time.Duration;

/**
 * Bounds that keep one query or one event from costing without limit.
 *
 * @param maxQueryChars      longest query text accepted
 * @param maxClauses         most leaf clauses (terms, ranges, wildcards) a query may have after parsing
 * @param maxWildcards       most wildcard, prefix and regular-expression clauses in one query
 * @param maxLeadingWildcards most clauses starting with a wildcard (these enumerate every value of the field)
 * @param timeout            how long one search or aggregation may run before it is refused
 * @param maxFieldsPerEvent  most fields of one event that are indexed (the rest stay in the stored event)
 * @param maxKeywordChars    longest value indexed as a keyword (longer values are found by their words)
 * @param maxOpenWriters     most partitions held open for writing at once
 */
public record SearchLimits(int maxQueryChars, int maxClauses, int maxWildcards, int maxLeadingWildcards,
                           Duration timeout, int maxFieldsPerEvent, int maxKeywordChars, int maxOpenWriters) {

    public static final SearchLimits DEFAULTS = new SearchLimits(8192, 256, 16, 2, Duration.ofSeconds(30), 512,
            1024, 64);

    public SearchLimits {
        if (maxQueryChars < 1 || maxClauses < 1 || maxWildcards < 0 || maxLeadingWildcards < 0
                || maxFieldsPerEvent < 1 || maxKeywordChars < 16 || maxOpenWriters < 1) {
            throw new IllegalArgumentException("search limits must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("search timeout must be positive, was " + timeout);
        }
    }
}
