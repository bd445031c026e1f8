package io.vigil.core.search;

import java.time.Instant;
import java.util.List;

/** The answer to an {@link Aggregation}; {@code matched} is the number of events the query matched. */
public sealed interface AggregationResult {

    long matched();

    record Bucket(String value, long count) {
    }

    record TimeBucket(Instant start, long count) {
    }

    /** @param other events with a value not among the buckets */
    record Terms(String field, List<Bucket> buckets, long other, long matched) implements AggregationResult {
        public Terms {
            buckets = List.copyOf(buckets);
        }
    }

    record DateHistogram(String interval, List<TimeBucket> buckets, long matched) implements AggregationResult {
        public DateHistogram {
            buckets = List.copyOf(buckets);
        }
    }

    record DistinctCount(String field, long estimate, long matched) implements AggregationResult {
    }
}
