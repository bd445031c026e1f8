package io.vigil.core.search;

import java.time.Duration;
import java.util.Objects;

/** What to compute over the events a query matches. */
public sealed interface Aggregation {

    int MAX_TERMS = 1000;
    int MAX_BUCKETS = 10_000;

    /** The {@code size} most frequent values of a field, with their counts. */
    record Terms(String field, int size) implements Aggregation {
        public Terms {
            Objects.requireNonNull(field, "field");
            if (size < 1 || size > MAX_TERMS) {
                throw new IllegalArgumentException("terms size must be 1-" + MAX_TERMS + ", was " + size);
            }
        }
    }

    /** Event counts per fixed interval of event time (buckets aligned to the epoch). */
    record DateHistogram(Duration interval) implements Aggregation {
        public DateHistogram {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1000) {
                throw new IllegalArgumentException("histogram interval must be at least 1s, was " + interval);
            }
        }
    }

    /** An estimate of how many distinct values a field has (HyperLogLog, about 1 % error). */
    record DistinctCount(String field) implements Aggregation {
        public DistinctCount {
            Objects.requireNonNull(field, "field");
        }
    }
}
