package io.vigil.ingest.journal;

import static io.vigil.ingest.journal.JournalFixtures.PATIENCE;
import static io.vigil.ingest.journal.JournalFixtures.clock;
import static io.vigil.ingest.journal.JournalFixtures.config;
import static io.vigil.ingest.journal.JournalFixtures.drain;
import static io.vigil.ingest.journal.JournalFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedJournalConcurrencyTest {

    private static final int APPENDERS = 4;
    private static final int APPENDS_EACH = 300;

    @TempDir
    Path dir;

    @Test
    void readsEveryRecordOfConcurrentAppendersOnceAndInEachAppendersOrder() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(APPENDERS);
        try (SegmentedJournal journal = JournalFixtures.open(dir, 8192); JournalReader reader = journal.reader("pipeline")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, Long>>> appenders = new ArrayList<>();
            for (int a = 0; a < APPENDERS; a++) {
                String prefix = "a" + a + "-";
                appenders.add(threads.submit(() -> {
                    start.await();
                    Map<String, CompletableFuture<Long>> pending = new HashMap<>();
                    for (int i = 0; i < APPENDS_EACH; i++) {
                        pending.put(prefix + i, journal.append(List.of(event(prefix + i))));
                    }
                    Map<String, Long> positions = new HashMap<>();
                    for (Map.Entry<String, CompletableFuture<Long>> entry : pending.entrySet()) {
                        positions.put(entry.getKey(), entry.getValue().get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
                    }
                    return positions;
                }));
            }
            start.countDown();
            Map<String, Long> acknowledged = new HashMap<>();
            for (Future<Map<String, Long>> appender : appenders) {
                acknowledged.putAll(appender.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }

            List<JournalEntry> entries = drain(reader, APPENDERS * APPENDS_EACH);
            assertThat(entries).extracting(JournalEntry::position)
                    .containsExactlyElementsOf(SegmentedJournalTest.rangeList(0, APPENDERS * APPENDS_EACH));
            Map<String, List<Integer>> orderPerAppender = new HashMap<>();
            for (JournalEntry entry : entries) {
                String text = JournalFixtures.text(entry);
                assertThat(acknowledged.get(text)).as("acknowledged position of %s", text).isEqualTo(entry.position());
                String[] parts = text.split("-");
                orderPerAppender.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            }
            assertThat(orderPerAppender).hasSize(APPENDERS).allSatisfy((appender, order) ->
                    assertThat(order).containsExactlyElementsOf(
                            SegmentedJournalTest.rangeList(0, APPENDS_EACH).stream().map(Long::intValue).toList()));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void appendsThatArriveDuringAForceShareTheNextForce() throws Exception {
        BlockingFirstForce storage = new BlockingFirstForce();
        try (SegmentedJournal journal = SegmentedJournal.open(config(dir, 1 << 20), clock(), storage)) {
            long before = journal.fsyncCount();
            CompletableFuture<Long> first = journal.append(List.of(event("first")));
            assertThat(storage.entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("writer is forcing").isTrue();

            List<CompletableFuture<Long>> waiting = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                waiting.add(journal.append(List.of(event("waiting" + i))));
            }
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            storage.release.countDown();

            assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isZero();
            for (int i = 0; i < waiting.size(); i++) {
                assertThat(waiting.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(i + 1);
            }
            assertThat(journal.fsyncCount() - before).isEqualTo(2);
            assertThat(storage.forces.get()).isEqualTo(2);
        }
    }

    @Test
    void acknowledgesAppendsWithAFlushInterval() throws Exception {
        JournalConfig config = new JournalConfig(dir, 1L << 20, null, 0L, null, Duration.ofMillis(5));
        try (SegmentedJournal journal = SegmentedJournal.open(config, clock()); JournalReader reader = journal.reader("pipeline")) {
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(journal.append(List.of(event("e" + i))));
            }
            for (CompletableFuture<Long> future : futures) {
                future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(drain(reader, 50)).extracting(JournalFixtures::text)
                    .containsExactlyElementsOf(JournalFixtures.texts("e", 50));
        }
    }

    /** Holds the writer's first force until the test lets go, so that appends pile up behind it. */
    private static final class BlockingFirstForce implements Storage {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger forces = new AtomicInteger();

        @Override
        public void force(FileChannel channel) throws IOException {
            if (forces.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    if (!release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IOException("test never released the force");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            channel.force(false);
        }

        @Override
        public long usableSpace(Path directory) {
            return Long.MAX_VALUE;
        }
    }
}
