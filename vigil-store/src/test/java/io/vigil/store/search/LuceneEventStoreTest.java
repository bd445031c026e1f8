package io.vigil.store.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.search.Aggregation;
import io.vigil.core.search.AggregationResult;
import io.vigil.core.search.EventQuery;
import io.vigil.core.search.InvalidQueryException;
import io.vigil.core.search.SearchOrder;
import io.vigil.core.search.SearchPage;
import io.vigil.core.search.StorageUsage;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.TenantId;
import io.vigil.testkit.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneEventStoreTest {

    private static final TenantId A = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final TenantId B = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    private static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");
    private static final TimeRange DAY = new TimeRange(Instant.parse("2025-03-10T00:00:00Z"),
            Instant.parse("2025-03-11T00:00:00Z"));
    private static final TimeRange WEEK = new TimeRange(Instant.parse("2025-03-05T00:00:00Z"),
            Instant.parse("2025-03-12T00:00:00Z"));

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final FakeClock clock = FakeClock.at("2025-03-10T12:00:00Z");
    private final List<LuceneEventStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(LuceneEventStore::close);
    }

    private LuceneEventStore open(Path root) {
        LuceneEventStore store = new LuceneEventStore(root, json, SearchLimits.DEFAULTS, 16, clock);
        opened.add(store);
        return store;
    }

    private static Event event(TenantId tenant, int n, Instant time, Map<String, Object> common,
                               Map<String, Object> fields) {
        return new Event(EventId.of("journal", n, 0), tenant, new SourceRef("http", "sysmon", "json"), time, time,
                fields, common, ("raw-" + n).getBytes(StandardCharsets.UTF_8));
    }

    private static Event login(TenantId tenant, int n, String ip, String user, int port) {
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("src_endpoint.ip", ip);
        common.put("actor.user.name", user);
        common.put("device.hostname", "host-" + (n % 3));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("EventID", 4625);
        fields.put("DestPort", port);
        fields.put("Image", "C:\\Windows\\System32\\cmd.exe");
        fields.put("Message", "An account failed to log on");
        fields.put("Nested", Map.of("Inner", List.of("alpha", "beta")));
        return event(tenant, n, T0.plusSeconds(n), common, fields);
    }

    private static List<String> ids(SearchPage page) {
        return page.events().stream().map(e -> e.id().toString()).toList();
    }

    private long count(LuceneEventStore store, TenantId tenant, String query, TimeRange range) {
        return store.search(tenant, EventQuery.of(query, range, 1000)).events().size();
    }

    @Test
    void findsEventsByTypedNormalizedAndRawFields() {
        LuceneEventStore store = open(dir);
        store.write(List.of(login(A, 1, "10.1.2.3", "alice", 22), login(A, 2, "192.168.0.7", "Bob", 443),
                login(A, 3, "2001:db8::5", "carol", 8080)));
        store.flush();

        assertThat(count(store, A, "src_ip:10.0.0.0/8", DAY)).isEqualTo(1);
        assertThat(count(store, A, "src_endpoint.ip:[10.0.0.0 TO 192.168.255.255]", DAY)).isEqualTo(2);
        assertThat(count(store, A, "src_ip:\"2001:db8::/32\"", DAY)).isEqualTo(1);
        assertThat(count(store, A, "user:bob", DAY)).as("keywords are case-insensitive").isEqualTo(1);
        assertThat(count(store, A, "DestPort:[100 TO 9000]", DAY)).isEqualTo(2);
        assertThat(count(store, A, "DestPort:{22 TO *]", DAY)).isEqualTo(2);
        assertThat(count(store, A, "EventID:4625 AND NOT user:alice", DAY)).isEqualTo(2);
        assertThat(count(store, A, "Image:*\\\\cmd.exe", DAY)).isEqualTo(3);
        assertThat(count(store, A, "Nested.Inner:beta", DAY)).isEqualTo(3);
        assertThat(count(store, A, "failed", DAY)).as("free text").isEqualTo(3);
        assertThat(count(store, A, "host:host-1 OR host:host-2", DAY)).isEqualTo(2);
        assertThat(count(store, A, "time:[2025-03-10T10:00:02Z TO now]", DAY)).isEqualTo(2);
        assertThat(count(store, A, "-user:alice", DAY)).isEqualTo(2);
        assertThat(count(store, A, "Missing:*", DAY)).isZero();
        assertThat(count(store, A, "user:*", DAY)).isEqualTo(3);
        assertThat(count(store, A, "", new TimeRange(T0.plusSeconds(2), T0.plusSeconds(3)))).as("range is [from, to)")
                .isEqualTo(1);

        Event found = store.find(A, EventId.of("journal", 2, 0), DAY).orElseThrow();
        assertThat(found.common()).containsEntry("actor.user.name", "Bob");
        assertThat(found.fields()).containsEntry("DestPort", 443);
        assertThat(new String(found.raw(), StandardCharsets.UTF_8)).isEqualTo("raw-2");
        assertThat(found.source()).isEqualTo(new SourceRef("http", "sysmon", "json"));
        assertThat(found.time()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void freeTextFindsTheWordsOfPathsFileNamesAndCommandLines() {
        LuceneEventStore store = open(dir);
        store.write(List.of(
                event(A, 1, T0, Map.of("device.hostname", "WS-042"), Map.of(
                        "Image", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                        "CommandLine", "powershell.exe -NoProfile -EncodedCommand SQBFAFgA")),
                event(A, 2, T0.plusSeconds(1), Map.of("src_endpoint.ip", "10.1.2.3"), Map.of(
                        "CommandLine", "cmd.exe /c whoami",
                        "TargetFilename", "/var/log/auth.log")),
                event(A, 3, T0.plusSeconds(2), Map.of(), Map.of(
                        "Path", "C:\\Tools\\notpowershell.exe",
                        "A", "powershell", "B", "exe was here"))));
        store.flush();

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("powershell", List.of("1", "3"));
        expected.put("powershell.exe", List.of("1"));
        expected.put("POWERSHELL.EXE", List.of("1"));
        expected.put("windowspowershell", List.of("1"));
        expected.put("cmd", List.of("2"));
        expected.put("whoami", List.of("2"));
        expected.put("cmd.exe", List.of("2"));
        expected.put("\"cmd exe c whoami\"", List.of("2"));
        expected.put("auth.log", List.of("2"));
        expected.put("10.1.2.3", List.of("2"));
        expected.put("ws-042", List.of("1"));
        expected.put("notpowershell", List.of("3"));
        expected.put("power*", List.of("1", "3"));
        expected.put("system32 AND -cmd", List.of("1"));
        expected.put("exe", List.of("1", "2", "3"));
        expected.put("\"powershell exe\"", List.of("1"));
        Map<String, List<String>> found = new LinkedHashMap<>();
        expected.keySet().forEach(query -> found.put(query, store.search(A, EventQuery.of(query, DAY, 10)).events()
                .stream().map(e -> new String(e.raw(), StandardCharsets.UTF_8).substring("raw-".length())).sorted()
                .toList()));
        assertThat(found).isEqualTo(expected);
        // Keyword fields stay exact: a part of the value is no match, the whole value (any case) is.
        assertThat(count(store, A, "Image:powershell.exe", DAY)).isZero();
        assertThat(count(store, A, "Image:\"c:\\\\windows\\\\system32\\\\windowspowershell\\\\v1.0\\\\POWERSHELL.EXE\"",
                DAY)).isEqualTo(1);
        assertThat(count(store, A, "CommandLine:cmd", DAY)).isZero();
    }

    @Test
    void tenantsAreSeparateIndexesNoQueryCrosses() {
        LuceneEventStore store = open(dir);
        store.write(List.of(login(A, 1, "10.0.0.1", "alice", 22), login(B, 2, "10.0.0.2", "mallory", 22),
                login(B, 3, "10.0.0.3", "mallory", 23)));
        store.flush();

        String bTenant = B.toString();
        for (String hostile : List.of("*:*", "", "user:mallory", "user:*", "tenant:" + bTenant,
                "_tenant:*", "id:" + EventId.of("journal", 2, 0), "src_ip:0.0.0.0/0", "DestPort:[* TO *]",
                "time:[* TO *]", "mallory", "*mallory*", "user:/mall.*/", "k.user:*", "actor.user.name:mallory")) {
            List<Event> found;
            try {
                found = store.search(A, EventQuery.of(hostile, WEEK, 1000)).events();
            } catch (InvalidQueryException refused) {
                continue;
            }
            assertThat(found).as(hostile).allMatch(e -> e.tenant().equals(A));
        }
        AggregationResult.Terms users = (AggregationResult.Terms) store.aggregate(A, "*:*", WEEK,
                new Aggregation.Terms("actor.user.name", 10));
        assertThat(users.buckets()).extracting(AggregationResult.Bucket::value).containsExactly("alice");
        AggregationResult.DistinctCount ips = (AggregationResult.DistinctCount) store.aggregate(A, "", WEEK,
                new Aggregation.DistinctCount("src_ip"));
        assertThat(ips.estimate()).isEqualTo(1);
        assertThat(store.find(A, EventId.of("journal", 2, 0), WEEK)).isEmpty();
        assertThat(store.usage(A).events()).isEqualTo(1);
        assertThat(store.usage(B).events()).isEqualTo(2);
        assertThat(dir.resolve(A.toString()).resolve("2025-03-10")).isDirectory();
        assertThat(dir.resolve(B.toString()).resolve("2025-03-10")).isDirectory();
    }

    @Test
    void crashBeforeFlushThenReplayLosesNothingAndDuplicatesNothing() throws IOException {
        Path live = dir.resolve("live");
        LuceneEventStore store = open(live);
        List<Event> committed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            committed.add(login(A, i, "10.0.0." + i, "u" + i, 22));
        }
        store.write(committed);
        store.flush(); // the pipeline commits the journal position after this
        List<Event> uncommitted = new ArrayList<>();
        for (int i = 50; i < 80; i++) {
            uncommitted.add(login(A, i, "10.0.1." + i, "u" + i, 22));
        }
        store.write(uncommitted);
        // A crash: the disk holds whatever the store wrote so far, nothing was flushed after the second write.
        Path crashed = dir.resolve("crashed");
        copy(live, crashed);

        LuceneEventStore restarted = open(crashed);
        assertThat(restarted.usage(A).events()).as("only what was flushed survives").isEqualTo(50);
        // The journal replays from its committed position; it may also replay some flushed events again.
        List<Event> replay = new ArrayList<>(committed.subList(40, 50));
        replay.addAll(uncommitted);
        restarted.write(replay);
        restarted.flush();

        SearchPage all = restarted.search(A, EventQuery.of("", DAY, 1000));
        assertThat(all.events()).hasSize(80);
        assertThat(new HashSet<>(ids(all))).hasSize(80);
        assertThat(restarted.usage(A).events()).isEqualTo(80);
    }

    @Test
    void restartsWithExistingDataAndKeepsWriting() {
        LuceneEventStore first = new LuceneEventStore(dir, json, SearchLimits.DEFAULTS, 16, clock);
        first.write(List.of(login(A, 1, "10.0.0.1", "alice", 22), login(B, 2, "10.0.0.2", "bob", 22)));
        first.flush();
        first.close();

        LuceneEventStore second = open(dir);
        assertThat(count(second, A, "user:alice", DAY)).isEqualTo(1);
        second.write(List.of(login(A, 3, "10.0.0.3", "alice", 22), login(A, 1, "10.0.0.1", "alice", 22)));
        second.flush();
        assertThat(count(second, A, "user:alice", DAY)).isEqualTo(2);
        assertThat(second.usage(B).events()).isEqualTo(1);
    }

    @Test
    void cursorPagingIsStableWhileEventsArrive() {
        LuceneEventStore store = open(dir);
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Same second for pairs of events: ties are broken by id.
            batch.add(event(A, i, T0.plusSeconds(i / 2), Map.of("n", i), Map.of()));
        }
        store.write(batch);
        store.flush();

        Set<String> seen = new HashSet<>();
        List<Instant> times = new ArrayList<>();
        EventQuery query = new EventQuery("", DAY, SearchOrder.NEWEST_FIRST, 10, null);
        SearchPage page = store.search(A, query);
        int extra = 1000;
        while (true) {
            page.events().forEach(e -> times.add(e.time()));
            for (String id : ids(page)) {
                assertThat(seen.add(id)).as("each event once: %s", id).isTrue();
            }
            // New events arrive between pages, both newer and older than the page boundary.
            store.write(List.of(event(A, extra++, T0.plusSeconds(100), Map.of(), Map.of()),
                    event(A, extra++, T0.plusSeconds(5), Map.of(), Map.of())));
            store.flush();
            if (page.nextCursor() == null) {
                break;
            }
            page = store.search(A, query.after(page.nextCursor()));
        }
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // Every original event was seen exactly once; events arriving later show when they sort below the cursor.
        for (Event e : batch) {
            assertThat(seen).contains(e.id().toString());
        }
        assertThatThrownBy(() -> store.search(A, query.after("not-a-cursor")))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("cursor");
    }

    @Test
    void aggregatesTermsHistogramAndDistinctCount() {
        LuceneEventStore store = open(dir);
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            batch.add(event(A, i, T0.plus(Duration.ofMinutes(i % 60)),
                    Map.of("actor.user.name", "user" + (i % 5 == 0 ? 0 : i % 1200), "src_endpoint.ip",
                            "10.0." + (i % 256) + "." + (i % 7)), Map.of("EventID", i % 2 == 0 ? 4624 : 4625)));
        }
        store.write(batch);
        store.flush();

        var terms = (AggregationResult.Terms) store.aggregate(A, "EventID:4624", DAY, new Aggregation.Terms("user", 2));
        assertThat(terms.matched()).isEqualTo(1500);
        assertThat(terms.buckets().getFirst()).isEqualTo(new AggregationResult.Bucket("user0", 300));
        assertThat(terms.buckets()).hasSize(2);
        assertThat(terms.other()).isEqualTo(1500 - 300 - terms.buckets().get(1).count());

        var histogram = (AggregationResult.DateHistogram) store.aggregate(A, "", DAY,
                new Aggregation.DateHistogram(Duration.ofMinutes(15)));
        assertThat(histogram.buckets()).hasSize(4).allMatch(b -> b.count() == 750);
        assertThat(histogram.buckets().getFirst().start()).isEqualTo(T0);

        var distinct = (AggregationResult.DistinctCount) store.aggregate(A, "", DAY,
                new Aggregation.DistinctCount("actor.user.name"));
        long exact = batch.stream().map(e -> e.common().get("actor.user.name")).distinct().count();
        assertThat((double) distinct.estimate()).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(5));

        assertThatThrownBy(() -> store.aggregate(A, "", WEEK, new Aggregation.DateHistogram(Duration.ofSeconds(1))))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("buckets");
    }

    @Test
    void refusesHostileQueriesWithAReason() {
        LuceneEventStore store = open(dir);
        store.write(List.of(login(A, 1, "10.0.0.1", "alice", 22)));
        store.flush();
        String manyClauses = String.join(" OR ", java.util.Collections.nCopies(300, "user:x"));
        String manyWildcards = String.join(" OR ", java.util.Collections.nCopies(20, "user:a*"));
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(manyClauses, "clauses");
        refused.put(manyWildcards, "wildcard");
        refused.put("user:*a OR host:*b OR Image:*c", "starting with a wildcard");
        refused.put("(".repeat(40) + "a" + ")".repeat(40), "nests");
        refused.put("user:(alice", "does not parse");
        refused.put("x".repeat(9000), "characters");
        refused.put("time:yesterday", "range");
        refused.put("time:[soon TO now]", "no time");
        refused.put("src_ip:10.0.0.0/40", "prefix length");
        refused.put("_id:x", "unknown field");
        refused.put("user:alice~2", "fuzzy");
        refused.put("*:alice", "wildcard");
        List<String> wrong = new ArrayList<>();
        refused.forEach((query, reason) -> {
            try {
                store.search(A, EventQuery.of(query, DAY, 10));
                wrong.add(query + " was accepted");
            } catch (InvalidQueryException e) {
                if (!e.getMessage().contains(reason)) {
                    wrong.add(query + " refused with '" + e.getMessage() + "', expected '" + reason + "'");
                }
            }
        });
        assertThat(wrong).isEmpty();
        // A regular expression that would need an enormous automaton is refused, not run.
        assertThatThrownBy(() -> store.search(A, EventQuery.of("user:/(.*a){2000}/", DAY, 10)))
                .isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void dropsWholeExpiredPartitionsAndAccountsStorage() {
        LuceneEventStore store = open(dir);
        store.write(List.of(login(A, 1, "10.0.0.1", "a", 1),
                event(A, 2, Instant.parse("2025-03-07T10:00:00Z"), Map.of(), Map.of()),
                event(A, 3, Instant.parse("2025-03-08T10:00:00Z"), Map.of(), Map.of()),
                event(B, 4, Instant.parse("2025-03-07T10:00:00Z"), Map.of(), Map.of())));
        store.flush();
        StorageUsage before = store.usage(A);
        assertThat(before.partitions()).isEqualTo(3);
        assertThat(before.events()).isEqualTo(3);
        assertThat(before.bytes()).isPositive();
        assertThat(before.oldestDay()).isEqualTo(LocalDate.parse("2025-03-07"));

        assertThat(store.dropDaysBefore(A, LocalDate.parse("2025-03-09"))).isEqualTo(2);
        assertThat(store.usage(A).events()).isEqualTo(1);
        assertThat(store.usage(A).bytes()).isLessThan(before.bytes());
        assertThat(dir.resolve(A.toString()).resolve("2025-03-07")).doesNotExist();
        assertThat(count(store, A, "", WEEK)).isEqualTo(1);
        assertThat(store.usage(B).events()).as("another tenant's partitions stay").isEqualTo(1);
    }

    @Test
    void deletingATenantRemovesAllItsPartitionsAndNoOtherTenantsEvents() {
        LuceneEventStore store = open(dir);
        store.write(List.of(login(A, 1, "10.0.0.1", "a", 1),
                event(A, 2, Instant.parse("2025-03-07T10:00:00Z"), Map.of(), Map.of()),
                event(A, 3, Instant.parse("2024-12-31T23:59:59Z"), Map.of(), Map.of()),
                event(B, 4, Instant.parse("2025-03-07T10:00:00Z"), Map.of(), Map.of())));
        store.flush();
        StorageUsage before = store.usage(A);
        StorageUsage other = store.usage(B);

        StorageUsage deleted = store.deleteTenant(A);

        assertThat(deleted).isEqualTo(before);
        assertThat(deleted.events()).isEqualTo(3);
        assertThat(deleted.partitions()).isEqualTo(3);
        assertThat(store.usage(A)).isEqualTo(new StorageUsage(0, 0, 0, null, null));
        assertThat(dir.resolve(A.toString())).doesNotExist();
        assertThat(store.tenants()).containsExactly(B);
        assertThat(count(store, A, "", new TimeRange(Instant.parse("2024-01-01T00:00:00Z"), T0.plusSeconds(3600))))
                .isZero();
        assertThat(store.usage(B)).isEqualTo(other);
        assertThat(count(store, B, "", WEEK)).isEqualTo(1);
        assertThat(store.deleteTenant(A)).as("nothing left to delete").isEqualTo(new StorageUsage(0, 0, 0, null, null));

        // The tenant can store events again, and a restart finds only those.
        store.write(List.of(login(A, 5, "10.0.0.5", "e", 1)));
        store.flush();
        store.close();
        opened.remove(store);
        LuceneEventStore restarted = open(dir);
        assertThat(restarted.usage(A).events()).isEqualTo(1);
        assertThat(restarted.usage(B).events()).isEqualTo(1);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("write.lock")) {
                    Files.copy(file, target);
                }
            }
        }
    }
}
