package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.StageResult;
import io.vigil.core.search.Aggregation;
import io.vigil.core.search.EventQuery;
import io.vigil.core.search.StorageUsage;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.JsonDecoder;
import io.vigil.ingest.normalize.CommonFieldsNormalizer;
import io.vigil.store.search.LuceneEventStore;
import io.vigil.store.search.SearchLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Load generator for the event store (single thread): indexes N realistic events (the demo bundle, decoded and
 * normalised as the pipeline does, each with its own id and an event time spread over {@code --days}) through
 * {@link LuceneEventStore} as the pipeline's output does (batches, a commit every {@code --commit-every} events),
 * then the same documents with a bare Lucene {@code IndexWriter.addDocument} loop (documents built before the
 * clock starts), then typical analyst queries, and prints events/s per core, the ratio, latency percentiles and
 * bytes on disk per event. It deletes its directory at the end.
 *
 * <pre>java -cp vigil-bench/target/benchmarks.jar io.vigil.bench.EventStoreLoad --events 1000000</pre>
 */
public final class EventStoreLoad {

    private static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000be"));
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    private EventStoreLoad() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        long events = Long.parseLong(options.getOrDefault("events", "1000000"));
        int days = Integer.parseInt(options.getOrDefault("days", "10"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "500"));
        int commitEvery = Integer.parseInt(options.getOrDefault("commit-every", "20000"));
        int repetitions = Integer.parseInt(options.getOrDefault("queries", "50"));
        boolean bare = !options.containsKey("skip-bare");
        Path dir = Files.createTempDirectory(Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir"))),
                "vigil-store-bench-");
        List<Event> templates = templates();
        long spanMillis = Duration.ofDays(days).toMillis();
        System.out.printf(Locale.ROOT, "event store load: %,d events (%d demo templates), %d days, batches of %d, "
                + "commit every %,d; %s%n", events, templates.size(), days, batch, commitEvery, dir);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            LuceneEventStore store = new LuceneEventStore(dir.resolve("store"), new ObjectMapper(), SearchLimits.DEFAULTS,
                    64, Clock.fixed(START.plus(Duration.ofDays(days)), ZoneOffset.UTC));
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            List<Event> pending = new ArrayList<>(batch);
            long sinceCommit = 0;
            for (long i = 0; i < events; i++) {
                pending.add(event(templates, i, events, spanMillis));
                if (pending.size() == batch) {
                    store.write(pending);
                    pending.clear();
                    sinceCommit += batch;
                    if (sinceCommit >= commitEvery) {
                        store.flush();
                        sinceCommit = 0;
                    }
                }
            }
            store.write(pending);
            store.flush();
            double storeCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double storeWall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(Locale.ROOT, "store indexing : %,.0f events/s wall, %,.0f events/s per CPU-second (%.1f s, %.1f CPU-s)%n",
                    events / storeWall, events / storeCpu, storeWall, storeCpu);
            StorageUsage usage = store.usage(TENANT);
            System.out.printf(Locale.ROOT, "on disk        : %,d bytes for %,d events = %,.0f bytes/event, %d partitions%n",
                    usage.bytes(), usage.events(), (double) usage.bytes() / usage.events(), usage.partitions());

            if (bare) {
                bareLoop(store, templates, Math.min(events, 1_000_000), spanMillis, events, dir.resolve("bare"),
                        threads, storeCpu * Math.min(events, 1_000_000) / events);
            }

            TimeRange day = new TimeRange(START.plus(Duration.ofDays(days / 2)), START.plus(Duration.ofDays(days / 2 + 1)));
            TimeRange all = new TimeRange(START, START.plus(Duration.ofDays(days)));
            Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
            queries.put("24h  host:term", () -> store.search(TENANT, EventQuery.of("host:desktop-2kgm189", day, 100)));
            queries.put("24h  src_ip CIDR", () -> store.search(TENANT, EventQuery.of("src_ip:10.0.0.0/8", day, 100)));
            queries.put("24h  free text", () -> store.search(TENANT, EventQuery.of("powershell", day, 100)));
            queries.put("24h  wildcard", () -> store.search(TENANT, EventQuery.of("Event.EventData.Image:*\\\\ping.exe", day, 100)));
            queries.put("all  EventID AND NOT", () -> store.search(TENANT, EventQuery.of("Event.System.EventID:1 AND -host:win-03dliiofrra", all, 100)));
            queries.put("all  terms source", () -> store.aggregate(TENANT, "", all, new Aggregation.Terms("source.name", 10)));
            queries.put("all  histogram 1h", () -> store.aggregate(TENANT, "", all, new Aggregation.DateHistogram(Duration.ofHours(1))));
            queries.put("24h  distinct user", () -> store.aggregate(TENANT, "", day, new Aggregation.DistinctCount("actor.user.name")));
            System.out.printf(Locale.ROOT, "queries (%d runs each after 3 warm-up runs; ms):%n", repetitions);
            for (Map.Entry<String, Supplier<Object>> query : queries.entrySet()) {
                Histogram latency = new Histogram(60_000_000_000L, 3);
                Object answer = null;
                for (int i = 0; i < repetitions + 3; i++) {
                    long t0 = System.nanoTime();
                    answer = query.getValue().get();
                    if (i >= 3) {
                        latency.recordValue(System.nanoTime() - t0);
                    }
                }
                long matched = switch (answer) {
                    case io.vigil.core.search.SearchPage page -> page.total();
                    case io.vigil.core.search.AggregationResult result -> result.matched();
                    default -> -1;
                };
                System.out.printf(Locale.ROOT, "  %-22s p50 %8.2f  p99 %8.2f  max %8.2f  matched %,d%n", query.getKey(),
                        latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                        latency.getMaxValue() / 1e6, matched);
            }
            store.close();
        } finally {
            delete(dir);
        }
    }

    private static void bareLoop(LuceneEventStore store, List<Event> templates, long n, long spanMillis, long events,
                                 Path dir, ThreadMXBean threads, double storeCpuForN) throws IOException {
        // The documents are built before the clock starts: the bare loop measures Lucene alone.
        List<Document> documents = new ArrayList<>();
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(LuceneEventStore.analyzer())
                     .setRAMBufferSizeMB(64))) {
            long cpu = 0;
            double wall = 0;
            for (long first = 0; first < n; first += 100_000) {
                documents.clear();
                for (long i = first; i < Math.min(n, first + 100_000); i++) {
                    documents.add(store.document(event(templates, i, events, spanMillis)));
                }
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                for (Document document : documents) {
                    writer.addDocument(document);
                }
                cpu += threads.getCurrentThreadCpuTime() - cpu0;
                wall += (System.nanoTime() - wall0) / 1e9;
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            writer.commit();
            cpu += threads.getCurrentThreadCpuTime() - cpu0;
            wall += (System.nanoTime() - wall0) / 1e9;
            System.out.printf(Locale.ROOT, "bare Lucene    : %,.0f events/s wall, %,.0f events/s per CPU-second over %,d prebuilt "
                    + "documents (addDocument, one index, one commit); store/bare CPU ratio %.2f%n",
                    n / wall, n / (cpu / 1e9), n, storeCpuForN / (cpu / 1e9));
        }
    }

    private static Event event(List<Event> templates, long i, long events, long spanMillis) {
        Event template = templates.get((int) (i % templates.size()));
        Instant time = START.plusMillis(spanMillis * i / events);
        return new Event(EventId.of("bench", i, 0), TENANT, template.source(), time, time, template.fields(),
                template.common(), template.raw());
    }

    /** The demo events decoded and normalised as the pipeline does. */
    private static List<Event> templates() {
        DemoEvents demo = DemoEvents.load();
        JsonDecoder decoder = new JsonDecoder(DecoderLimits.DEFAULTS);
        CommonFieldsNormalizer normalizer;
        try (InputStream mapping = EventStoreLoad.class.getClassLoader()
                .getResourceAsStream("io/vigil/content/normalize/common-fields.json")) {
            normalizer = CommonFieldsNormalizer.fromMapping(mapping);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Event> templates = new ArrayList<>();
        for (int i = 0; i < demo.size(); i++) {
            RawEvent raw = new RawEvent(TENANT, new SourceRef("http", "demo", "json"), START, demo.event(i));
            if (decoder.decode(raw) instanceof DecodeResult.Decoded decoded) {
                for (Map<String, Object> fields : decoded.events()) {
                    Event event = new Event(EventId.of("bench-template", i, 0), TENANT, raw.source(), START, START,
                            fields, Map.of(), raw.bytes());
                    if (normalizer.process(event) instanceof StageResult.Continue(Event normalised)) {
                        templates.add(normalised);
                    }
                }
            }
        }
        return templates;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("skip-bare")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
