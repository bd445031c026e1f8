package io.vigil.store.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.pipeline.Output;
import io.vigil.core.search.Aggregation;
import io.vigil.core.search.AggregationResult;
import io.vigil.core.search.EventQuery;
import io.vigil.core.search.EventStore;
import io.vigil.core.search.InvalidQueryException;
import io.vigil.core.search.SearchOrder;
import io.vigil.core.search.SearchPage;
import io.vigil.core.search.StorageUsage;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded event store: one Lucene index per tenant per UTC day of event time, under
 * {@code <root>/<tenant id>/<yyyy-MM-dd>/}. Tenant isolation is structural: a query of a tenant opens only the
 * directories under that tenant's id, and no field of the index names a tenant, so no query text, field name,
 * range or aggregation can reach another tenant's events.
 *
 * <p>As the pipeline's output it writes each event with {@code updateDocument} keyed by its {@link EventId}, so a
 * journal replay after a crash replaces the documents it had written instead of duplicating them; {@link #flush()}
 * commits every partition written since the last flush, and the pipeline commits its journal position only
 * after that, so an event acknowledged by ingest is either committed here or replayed from the journal.
 */
public final class LuceneEventStore implements EventStore, Output {

    public static final String NAME = "event-store";

    private static final Logger log = LoggerFactory.getLogger(LuceneEventStore.class);
    private static final int STREAM_PAGE = 1000;

    private final Path root;
    private final SearchLimits limits;
    private final Clock clock;
    private final EventDocuments documents;
    private final QueryTranslator translator;
    private final double ramBufferMb;
    private final Map<TenantId, NavigableMap<LocalDate, Partition>> tenants = new ConcurrentHashMap<>();
    private final Set<Partition> writing = ConcurrentHashMap.newKeySet();

    /** Opens (creating if needed) the store under {@code root} and registers the partitions found there. */
    public LuceneEventStore(Path root, ObjectMapper json, SearchLimits limits, double ramBufferMb, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.documents = new EventDocuments(json, limits);
        this.translator = new QueryTranslator(limits);
        this.ramBufferMb = ramBufferMb;
        try {
            Files.createDirectories(root);
            try (Stream<Path> tenantDirs = Files.list(root)) {
                for (Path tenantDir : tenantDirs.filter(Files::isDirectory).toList()) {
                    TenantId tenant = tenantOf(tenantDir);
                    if (tenant == null) {
                        continue;
                    }
                    try (Stream<Path> days = Files.list(tenantDir)) {
                        for (Path dayDir : days.filter(Files::isDirectory).toList()) {
                            LocalDate day = dayOf(dayDir);
                            if (day != null) {
                                partitions(tenant).put(day, new Partition(tenant, day, dayDir));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event store at " + root, e);
        }
    }

    private static TenantId tenantOf(Path dir) {
        try {
            return new TenantId(UUID.fromString(dir.getFileName().toString()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate dayOf(Path dir) {
        try {
            return LocalDate.parse(dir.getFileName().toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private NavigableMap<LocalDate, Partition> partitions(TenantId tenant) {
        return tenants.computeIfAbsent(tenant, t -> new ConcurrentSkipListMap<>());
    }

    private Partition partition(TenantId tenant, LocalDate day) {
        return partitions(tenant).computeIfAbsent(day, d -> {
            try {
                return new Partition(tenant, d, root.resolve(tenant.toString()).resolve(d.toString()));
            } catch (IOException e) {
                throw new TemporaryException("cannot create partition " + d + " of tenant " + tenant + ": "
                        + e.getMessage(), null, e);
            }
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Indexes the batch, replacing documents with the same event id.
     *
     * @throws TemporaryException if the disk refuses a write (retry the batch)
     * @throws PermanentException for an event that cannot be turned into a document
     */
    @Override
    public void write(List<Event> batch) {
        for (Event event : batch) {
            LocalDate day = LocalDate.ofInstant(event.time(), ZoneOffset.UTC);
            Partition partition = partition(event.tenant(), day);
            var document = documents.document(event);
            try {
                partition.writer(ramBufferMb).updateDocument(EventDocuments.idTerm(event.id()), document);
            } catch (IOException e) {
                throw new TemporaryException("cannot index event " + event.id() + " of tenant " + event.tenant()
                        + ": " + e.getMessage(), null, e);
            } catch (IllegalArgumentException e) {
                throw new PermanentException("event " + event.id() + " of tenant " + event.tenant()
                        + " cannot be indexed: " + e.getMessage(), e);
            }
            writing.add(partition);
        }
        if (writing.size() > limits.maxOpenWriters()) {
            closeIdleWriters();
        }
    }

    private void closeIdleWriters() {
        List<Partition> open = writing.stream().sorted(Comparator.comparingLong(p -> p.lastWrite)).toList();
        for (int i = 0; i < open.size() - limits.maxOpenWriters(); i++) {
            Partition partition = open.get(i);
            try {
                partition.closeWriter(); // commits: early durability does not hurt the journal protocol
                writing.remove(partition);
            } catch (IOException e) {
                throw new TemporaryException("cannot close partition " + partition.path + ": " + e.getMessage(), null, e);
            }
        }
    }

    /** Commits every partition written since the last flush; the pipeline calls it before committing the journal. */
    @Override
    public void flush() {
        for (Partition partition : writing) {
            try {
                partition.commit();
            } catch (IOException e) {
                throw new TemporaryException("cannot commit partition " + partition.path + ": " + e.getMessage(), null, e);
            }
        }
    }

    @Override
    public void close() {
        for (NavigableMap<LocalDate, Partition> days : tenants.values()) {
            for (Partition partition : days.values()) {
                try {
                    partition.close();
                } catch (IOException e) {
                    log.warn("Closing event-store partition {} failed: {}", partition.path, e.getMessage());
                }
            }
        }
        writing.clear();
    }

    @Override
    public SearchPage search(TenantId tenant, EventQuery query) {
        Query lucene = query(query.query(), query.range());
        FieldDoc after = query.cursor() == null ? null : Cursors.decode(query.cursor());
        Sort sort = sort(query.order());
        return withSearcher(tenant, query.range(), searcher -> {
            // A tie on (time, id) is the cursor's own event: with the highest doc number it is never returned again.
            TopFieldDocs top = after == null ? searcher.search(lucene, query.limit(), sort)
                    : (TopFieldDocs) searcher.searchAfter(new FieldDoc(searcher.getIndexReader().maxDoc() - 1,
                    Float.NaN, after.fields), lucene, query.limit(), sort);
            StoredFields stored = searcher.storedFields();
            List<Event> events = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                events.add(documents.event(stored.document(hit.doc)));
            }
            String next = top.scoreDocs.length == query.limit()
                    ? Cursors.encode((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1]) : null;
            return new SearchPage(events, next, top.totalHits.value(),
                    top.totalHits.relation() == TotalHits.Relation.EQUAL_TO);
        }, new SearchPage(List.of(), null, 0, true));
    }

    @Override
    public AggregationResult aggregate(TenantId tenant, String query, TimeRange range, Aggregation aggregation) {
        Query lucene = query(query == null ? "" : query, range);
        var manager = Aggregators.of(aggregation, range);
        AggregationResult empty;
        try {
            empty = new IndexSearcher(new MultiReader()).search(lucene, Aggregators.of(aggregation, range));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withSearcher(tenant, range, searcher -> searcher.search(lucene, manager), empty);
    }

    @Override
    public long stream(TenantId tenant, String query, TimeRange range, long max, Predicate<Event> sink) {
        long handed = 0;
        String cursor = null;
        while (handed < max) {
            int limit = (int) Math.min(STREAM_PAGE, max - handed);
            SearchPage page = search(tenant, new EventQuery(query, range, SearchOrder.OLDEST_FIRST, limit, cursor));
            for (Event event : page.events()) {
                handed++;
                if (!sink.test(event)) {
                    return handed;
                }
            }
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        return handed;
    }

    @Override
    public Optional<Event> find(TenantId tenant, EventId id, TimeRange range) {
        SearchPage page = search(tenant, EventQuery.of("id:" + id, range, 1));
        return page.events().stream().findFirst();
    }

    @Override
    public StorageUsage usage(TenantId tenant) {
        NavigableMap<LocalDate, Partition> days = tenants.getOrDefault(tenant, new ConcurrentSkipListMap<>());
        long bytes = 0;
        long events = 0;
        for (Partition partition : days.values()) {
            bytes += partition.bytes();
            try {
                DirectoryReader reader = partition.acquire();
                if (reader != null) {
                    try {
                        events += reader.numDocs();
                    } finally {
                        reader.decRef();
                    }
                }
            } catch (IOException e) {
                throw new TemporaryException("cannot read partition " + partition.path + ": " + e.getMessage(), null, e);
            }
        }
        return new StorageUsage(bytes, events, days.size(), days.isEmpty() ? null : days.firstKey(),
                days.isEmpty() ? null : days.lastKey());
    }

    @Override
    public int dropDaysBefore(TenantId tenant, LocalDate firstKeptDay) {
        NavigableMap<LocalDate, Partition> days = tenants.get(tenant);
        if (days == null) {
            return 0;
        }
        int dropped = 0;
        for (LocalDate day : List.copyOf(days.headMap(firstKeptDay, false).keySet())) {
            Partition partition = days.remove(day);
            if (partition == null) {
                continue;
            }
            writing.remove(partition);
            try {
                partition.drop();
                dropped++;
            } catch (IOException e) {
                throw new TemporaryException("cannot delete partition " + partition.path + ": " + e.getMessage(), null, e);
            }
        }
        try {
            Path tenantDir = root.resolve(tenant.toString());
            if (days.isEmpty() && Files.isDirectory(tenantDir)) {
                try (Stream<Path> left = Files.list(tenantDir)) {
                    if (left.findAny().isEmpty()) {
                        Files.deleteIfExists(tenantDir);
                    }
                }
            }
        } catch (IOException e) {
            log.debug("Tenant directory of {} left in place: {}", tenant, e.getMessage());
        }
        return dropped;
    }

    @Override
    public StorageUsage deleteTenant(TenantId tenant) {
        StorageUsage deleted = usage(tenant);
        dropDaysBefore(tenant, LocalDate.MAX);
        return deleted;
    }

    /** The Lucene document an event is stored as (benchmarks compare the store with a bare Lucene loop). */
    public org.apache.lucene.document.Document document(Event event) {
        return documents.document(event);
    }

    /** The analysis of the free-text field (benchmarks index the same documents with a bare Lucene writer). */
    public static org.apache.lucene.analysis.Analyzer analyzer() {
        return new TextAnalyzer();
    }

    /** The tenants that have stored events (for the retention job). */
    @io.vigil.store.CrossTenant("the retention job walks every tenant's partitions to apply each tenant's retention")
    public Set<TenantId> tenants() {
        Set<TenantId> stored = new java.util.HashSet<>();
        tenants.forEach((tenant, days) -> {
            if (!days.isEmpty()) {
                stored.add(tenant);
            }
        });
        return Set.copyOf(stored);
    }

    private Query query(String text, TimeRange range) {
        Query parsed = translator.translate(text, clock.instant());
        long to = range.to().toEpochMilli() - 1;
        return new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery(Fields.TIME, range.from().toEpochMilli(), to), BooleanClause.Occur.FILTER)
                .add(parsed, BooleanClause.Occur.MUST)
                .build();
    }

    private static Sort sort(SearchOrder order) {
        boolean reverse = order == SearchOrder.NEWEST_FIRST;
        return new Sort(new SortField(Fields.TIME, SortField.Type.LONG, reverse),
                new SortField(Fields.ID, SortField.Type.STRING, reverse));
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code work} over the tenant's partitions that overlap {@code range}, bounded by the timeout. */
    private <T> T withSearcher(TenantId tenant, TimeRange range, SearcherWork<T> work, T nothing) {
        NavigableMap<LocalDate, Partition> days = tenants.get(tenant);
        if (days == null) {
            return nothing;
        }
        LocalDate first = LocalDate.ofInstant(range.from(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(range.to().minusNanos(1), ZoneOffset.UTC);
        List<DirectoryReader> acquired = new ArrayList<>();
        try {
            for (Partition partition : days.subMap(first, true, last, true).values()) {
                DirectoryReader reader = partition.acquire();
                if (reader != null) {
                    acquired.add(reader);
                }
            }
            if (acquired.isEmpty()) {
                return nothing;
            }
            QueryTimeoutImpl timeout = new QueryTimeoutImpl(limits.timeout().toMillis());
            IndexReader[] wrapped = new IndexReader[acquired.size()];
            for (int i = 0; i < wrapped.length; i++) {
                wrapped[i] = new ExitableDirectoryReader(acquired.get(i), timeout);
            }
            MultiReader multi = new MultiReader(wrapped, false);
            IndexSearcher searcher = new IndexSearcher(multi);
            searcher.setTimeout(timeout);
            T result = work.apply(searcher);
            if (searcher.timedOut()) {
                throw new InvalidQueryException("query took longer than " + limits.timeout() + ": narrow it");
            }
            return result;
        } catch (ExitableDirectoryReader.ExitingReaderException e) {
            throw new InvalidQueryException("query took longer than " + limits.timeout() + ": narrow it", e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("query expands to too many clauses: narrow its wildcards", e);
        } catch (IOException e) {
            throw new TemporaryException("cannot search the events of tenant " + tenant + ": " + e.getMessage(), null, e);
        } finally {
            for (DirectoryReader reader : acquired) {
                try {
                    reader.decRef();
                } catch (IOException e) {
                    log.debug("Releasing a reader failed: {}", e.getMessage());
                }
            }
        }
    }

    /** Cursors: the sort values of the last event of a page, (time, id), opaque to clients. */
    static final class Cursors {

        private Cursors() {
        }

        static String encode(FieldDoc last) {
            long time = (Long) last.fields[0];
            String id = ((BytesRef) last.fields[1]).utf8ToString();
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((time + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static FieldDoc decode(String cursor) {
            try {
                if (cursor.length() > 200) {
                    throw new IllegalArgumentException("too long");
                }
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                long time = Long.parseLong(text.substring(0, colon));
                String id = UUID.fromString(text.substring(colon + 1)).toString();
                return new FieldDoc(-1, Float.NaN, new Object[] {time, new BytesRef(id)});
            } catch (RuntimeException e) {
                throw new InvalidQueryException("cursor '" + cursor + "' is not one this store handed out");
            }
        }
    }
}
