package io.vigil.store.search;

import io.vigil.core.search.Aggregation;
import io.vigil.core.search.AggregationResult;
import io.vigil.core.search.InvalidQueryException;
import io.vigil.core.search.TimeRange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.FixedBitSet;

/**
 * Computes aggregations from doc values while the query's matches are collected: counts per segment ordinal,
 * turned into values once per segment, so that each value's bytes are read once per segment, not per event.
 */
final class Aggregators {

    /** Most distinct values a terms aggregation may count before it is refused. */
    static final int MAX_DISTINCT_TERMS = 1_000_000;

    private Aggregators() {
    }

    static CollectorManager<Collector, AggregationResult> of(Aggregation aggregation, TimeRange range) {
        return switch (aggregation) {
            case Aggregation.Terms terms -> manager(new TermsState(terms));
            case Aggregation.DateHistogram histogram -> {
                long buckets = range.length().toMillis() / histogram.interval().toMillis();
                if (buckets > Aggregation.MAX_BUCKETS) {
                    throw new InvalidQueryException("a histogram of " + histogram.interval() + " over " + range.length()
                            + " has " + buckets + " buckets, at most " + Aggregation.MAX_BUCKETS + " are allowed");
                }
                yield manager(new HistogramState(histogram));
            }
            case Aggregation.DistinctCount distinct -> manager(new DistinctState(distinct));
        };
    }

    /** One accumulator shared by the collectors of one (single-threaded) search. */
    private interface State {
        LeafCollector leaf(LeafReaderContext context, long[] matched) throws IOException;

        AggregationResult result(long matched);
    }

    private static CollectorManager<Collector, AggregationResult> manager(State state) {
        long[] matched = {0};
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new Collector() {
                    @Override
                    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                        return state.leaf(context, matched);
                    }

                    @Override
                    public ScoreMode scoreMode() {
                        return ScoreMode.COMPLETE_NO_SCORES;
                    }
                };
            }

            @Override
            public AggregationResult reduce(Collection<Collector> collectors) {
                return state.result(matched[0]);
            }
        };
    }

    private abstract static class Leaf implements LeafCollector {
        @Override
        public void setScorer(Scorable scorer) {
        }
    }

    private static final class TermsState implements State {
        private final Aggregation.Terms terms;
        private final Map<String, Long> counts = new HashMap<>();

        TermsState(Aggregation.Terms terms) {
            this.terms = terms;
        }

        @Override
        public LeafCollector leaf(LeafReaderContext context, long[] matched) throws IOException {
            String field = Fields.keyword(QueryTranslator.userField(terms.field()));
            SortedSetDocValues values = DocValues.getSortedSet(context.reader(), field);
            long valueCount = values.getValueCount();
            long[] ordCounts = valueCount <= (1 << 22) ? new long[(int) valueCount] : null;
            Map<Long, Long> sparse = ordCounts == null ? new HashMap<>() : null;
            return new Leaf() {
                @Override
                public void collect(int doc) throws IOException {
                    matched[0]++;
                    if (values.advanceExact(doc)) {
                        for (int i = 0; i < values.docValueCount(); i++) {
                            long ord = values.nextOrd();
                            if (ordCounts != null) {
                                ordCounts[(int) ord]++;
                            } else {
                                sparse.merge(ord, 1L, Long::sum);
                            }
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    if (ordCounts != null) {
                        for (int ord = 0; ord < ordCounts.length; ord++) {
                            if (ordCounts[ord] > 0) {
                                add(values.lookupOrd(ord).utf8ToString(), ordCounts[ord]);
                            }
                        }
                    } else {
                        for (Map.Entry<Long, Long> e : sparse.entrySet()) {
                            add(values.lookupOrd(e.getKey()).utf8ToString(), e.getValue());
                        }
                    }
                }
            };
        }

        private void add(String value, long count) {
            counts.merge(value, count, Long::sum);
            if (counts.size() > MAX_DISTINCT_TERMS) {
                throw new InvalidQueryException("field '" + terms.field() + "' has more than " + MAX_DISTINCT_TERMS
                        + " distinct values in the range: narrow the query or use a distinct count");
            }
        }

        @Override
        public AggregationResult result(long matched) {
            List<AggregationResult.Bucket> buckets = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(terms.size()).map(e -> new AggregationResult.Bucket(e.getKey(), e.getValue())).toList();
            long all = counts.values().stream().mapToLong(Long::longValue).sum();
            long top = buckets.stream().mapToLong(AggregationResult.Bucket::count).sum();
            return new AggregationResult.Terms(terms.field(), buckets, all - top, matched);
        }
    }

    private static final class HistogramState implements State {
        private final long interval;
        private final String label;
        private final TreeMap<Long, Long> counts = new TreeMap<>();

        HistogramState(Aggregation.DateHistogram histogram) {
            this.interval = histogram.interval().toMillis();
            this.label = histogram.interval().toString();
        }

        @Override
        public LeafCollector leaf(LeafReaderContext context, long[] matched) throws IOException {
            NumericDocValues times = DocValues.getNumeric(context.reader(), Fields.TIME);
            return new Leaf() {
                @Override
                public void collect(int doc) throws IOException {
                    matched[0]++;
                    if (times.advanceExact(doc)) {
                        counts.merge(Math.floorDiv(times.longValue(), interval) * interval, 1L, Long::sum);
                    }
                }
            };
        }

        @Override
        public AggregationResult result(long matched) {
            List<AggregationResult.TimeBucket> buckets = new ArrayList<>();
            counts.forEach((start, count) -> buckets.add(new AggregationResult.TimeBucket(Instant.ofEpochMilli(start), count)));
            buckets.sort(Comparator.comparing(AggregationResult.TimeBucket::start));
            return new AggregationResult.DateHistogram(label, buckets, matched);
        }
    }

    private static final class DistinctState implements State {
        private final Aggregation.DistinctCount distinct;
        private final HyperLogLog sketch = new HyperLogLog();

        DistinctState(Aggregation.DistinctCount distinct) {
            this.distinct = distinct;
        }

        @Override
        public LeafCollector leaf(LeafReaderContext context, long[] matched) throws IOException {
            String field = Fields.keyword(QueryTranslator.userField(distinct.field()));
            SortedSetDocValues values = DocValues.getSortedSet(context.reader(), field);
            FixedBitSet seen = new FixedBitSet((int) Math.min(Integer.MAX_VALUE - 64, Math.max(1, values.getValueCount())));
            return new Leaf() {
                @Override
                public void collect(int doc) throws IOException {
                    matched[0]++;
                    if (values.advanceExact(doc)) {
                        for (int i = 0; i < values.docValueCount(); i++) {
                            seen.set((int) values.nextOrd());
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int ord = seen.nextSetBit(0); ord != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                         ord = ord + 1 < seen.length() ? seen.nextSetBit(ord + 1) : org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                        sketch.add(values.lookupOrd(ord));
                    }
                }
            };
        }

        @Override
        public AggregationResult result(long matched) {
            return new AggregationResult.DistinctCount(distinct.field(), sketch.estimate(), matched);
        }
    }
}
