package io.vigil.ingest.journal;

import static io.vigil.ingest.journal.JournalFixtures.PATIENCE;
import static io.vigil.ingest.journal.JournalFixtures.appendAll;
import static io.vigil.ingest.journal.JournalFixtures.drain;
import static io.vigil.ingest.journal.JournalFixtures.event;
import static io.vigil.ingest.journal.JournalFixtures.open;
import static io.vigil.ingest.journal.JournalFixtures.recordOffsets;
import static io.vigil.ingest.journal.JournalFixtures.segmentFiles;
import static io.vigil.ingest.journal.JournalFixtures.text;
import static io.vigil.ingest.journal.JournalFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.error.PermanentException;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import io.vigil.core.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedJournalTest {

    @TempDir
    Path dir;

    @Test
    void readsBackEveryFieldOfAnAppendedEvent() throws Exception {
        byte[] allByteValues = new byte[256];
        for (int i = 0; i < allByteValues.length; i++) {
            allByteValues[i] = (byte) i;
        }
        TenantId tenant = TenantId.random();
        SourceRef source = new SourceRef("syslog-tls", "collector-ä-北京", "cef");
        Instant receivedAt = Instant.parse("1999-12-31T23:59:59.999999999Z");
        RawEvent full = new RawEvent(tenant, source, receivedAt, allByteValues);
        RawEvent empty = new RawEvent(tenant, source, Instant.EPOCH, new byte[0]);

        try (SegmentedJournal journal = open(dir, 1 << 20); JournalReader reader = journal.reader("pipeline")) {
            long last = journal.append(List.of(full, empty)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            List<JournalEntry> entries = drain(reader, 2);
            assertThat(last).isEqualTo(1);
            assertThat(entries).extracting(JournalEntry::position).containsExactly(0L, 1L);
            RawEvent read = entries.get(0).event();
            assertThat(read.tenant()).isEqualTo(tenant);
            assertThat(read.source()).isEqualTo(source);
            assertThat(read.receivedAt()).isEqualTo(receivedAt);
            assertThat(read.bytes()).containsExactly(allByteValues);
            assertThat(entries.get(1).event().receivedAt()).isEqualTo(Instant.EPOCH);
            assertThat(entries.get(1).event().bytes()).isEmpty();
        }
    }

    @Test
    void numbersRecordsDenselyAcrossSegmentRolls() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            List<Long> single = appendAll(journal, texts("e", 60));
            List<RawEvent> batch = texts("e", 80).subList(60, 80).stream().map(JournalFixtures::event).toList();
            long batchLast = journal.append(batch).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            List<JournalEntry> entries = drain(reader, 80);
            assertThat(single).containsExactlyElementsOf(rangeList(0, 60));
            assertThat(batchLast).isEqualTo(79);
            assertThat(entries).extracting(JournalEntry::position).containsExactlyElementsOf(rangeList(0, 80));
            assertThat(entries).extracting(JournalFixtures::text).containsExactlyElementsOf(texts("e", 80));
            assertThat(journal.stats().nextPosition()).isEqualTo(80);
        }
        List<Path> segments = segmentFiles(dir);
        assertThat(segments).hasSizeGreaterThan(3);
        long expectedBase = 0;
        for (Path segment : segments) {
            assertThat(Segment.parseBase(segment)).as("base of %s", segment).isEqualTo(expectedBase);
            assertThat(Files.size(segment)).isLessThanOrEqualTo(1024);
            expectedBase += recordOffsets(segment).size();
        }
        assertThat(expectedBase).isEqualTo(80);
    }

    @Test
    void keepsTheCommittedPositionAcrossReopen() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            appendAll(journal, texts("e", 30));
            drain(reader, 30);
            reader.commit(17);
        }
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            assertThat(reader.committed()).isEqualTo(17);
            assertThat(Files.readString(dir.resolve("pipeline.offset")).strip()).isEqualTo("17");
            assertThat(drain(reader, 13)).extracting(JournalEntry::position).containsExactlyElementsOf(rangeList(17, 30));
            assertThat(reader.poll(10, Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void deliversUncommittedEntriesAgainAfterReopen() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            appendAll(journal, texts("e", 5));
            drain(reader, 5);
            reader.commit(2);
        }
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            assertThat(drain(reader, 3)).extracting(JournalFixtures::text).containsExactly("e2", "e3", "e4");
            assertThat(appendAll(journal, List.of("after"))).containsExactly(5L);
            assertThat(drain(reader, 1)).extracting(JournalFixtures::text).containsExactly("after");
        }
    }

    @Test
    void keepsItsIdAcrossReopen() {
        String id;
        try (SegmentedJournal journal = open(dir, 1024)) {
            id = journal.id();
        }
        try (SegmentedJournal journal = open(dir, 1024)) {
            assertThat(journal.id()).isEqualTo(id);
        }
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @Test
    void wakesAWaitingPollWhenAnAppendBecomesDurable() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            CompletableFuture<List<JournalEntry>> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.poll(10, Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            appendAll(journal, List.of("late"));

            // Far shorter than the poll's own wait: only a wake-up can deliver in time.
            assertThat(polled.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .extracting(JournalFixtures::text).containsExactly("late");
        }
    }

    @Test
    void pollReturnsNothingWhenNothingArrivesInTime() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            assertThat(reader.poll(10, Duration.ZERO)).isEmpty();
            assertThat(reader.poll(10, Duration.ofMillis(20))).isEmpty();
        }
    }

    @Test
    void pollReturnsAtMostTheRequestedNumberOfEntries() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            appendAll(journal, texts("e", 7));
            assertThat(reader.poll(3, PATIENCE)).extracting(JournalEntry::position).containsExactly(0L, 1L, 2L);
            assertThat(reader.poll(10, PATIENCE)).extracting(JournalEntry::position).containsExactly(3L, 4L, 5L, 6L);
        }
    }

    @Test
    void rejectsConsumerNamesOutsideTheAllowedAlphabet() {
        try (SegmentedJournal journal = open(dir, 1024)) {
            for (String name : List.of("", "Pipeline", "../etc", "a b", "x".repeat(65), "pipe_line")) {
                assertThatThrownBy(() -> journal.reader(name)).as("name '%s'", name)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z0-9-]{1,64}");
            }
            assertThatThrownBy(() -> journal.reader(null)).isInstanceOf(IllegalArgumentException.class);
            journal.reader("x".repeat(64)).close();
        }
    }

    @Test
    void refusesASecondOpenReaderForTheSameConsumer() {
        try (SegmentedJournal journal = open(dir, 1024)) {
            JournalReader first = journal.reader("pipeline");
            assertThatThrownBy(() -> journal.reader("pipeline")).isInstanceOf(IllegalStateException.class);
            first.close();
            journal.reader("pipeline").close();
        }
    }

    @Test
    void refusesCommitsBeyondWhatWasPolledOrBackwards() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            appendAll(journal, texts("e", 5));
            reader.poll(2, PATIENCE);

            assertThatThrownBy(() -> reader.commit(3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2");
            reader.commit(2);
            assertThatThrownBy(() -> reader.commit(1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(reader.committed()).isEqualTo(2);
        }
    }

    @Test
    void closeWritesAndCompletesEveryPendingAppend() throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (SegmentedJournal journal = open(dir, 4096)) {
            for (String text : texts("e", 300)) {
                futures.add(journal.append(List.of(event(text))));
            }
        }
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(futures.stream().map(CompletableFuture::join).toList()).containsExactlyElementsOf(rangeList(0, 300));
        try (SegmentedJournal journal = open(dir, 4096); JournalReader reader = journal.reader("pipeline")) {
            assertThat(drain(reader, 300)).extracting(JournalFixtures::text).containsExactlyElementsOf(texts("e", 300));
        }
    }

    @Test
    void refusesAppendsAfterCloseAsPermanent() {
        SegmentedJournal journal = open(dir, 1024);
        journal.close();

        assertThatThrownBy(() -> journal.append(List.of(event("late")))).isInstanceOf(PermanentException.class);
        assertThatThrownBy(() -> journal.reader("pipeline")).isInstanceOf(PermanentException.class);
    }

    @Test
    void closeReleasesAWaitingPoll() throws Exception {
        SegmentedJournal journal = open(dir, 1024);
        JournalReader reader = journal.reader("pipeline");
        CompletableFuture<List<JournalEntry>> polled = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.poll(10, Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        journal.close();

        assertThat(polled).failsWithin(PATIENCE).withThrowableThat().havingRootCause()
                .isInstanceOf(PermanentException.class);
    }

    @Test
    void writesWithANamedDaemonThreadThatStopsOnClose() {
        Set<Thread> before = writerThreads();
        SegmentedJournal journal = open(dir, 1024);
        Set<Thread> started = new HashSet<>(writerThreads());
        started.removeAll(before);

        assertThat(started).singleElement().satisfies(t -> assertThat(t.isDaemon()).isTrue());
        journal.close();
        assertThat(started).noneMatch(Thread::isAlive);
    }

    private static Set<Thread> writerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(JournalWriter.THREAD_NAME) && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void refusesToOpenADirectoryThatIsAlreadyOpen() {
        SegmentedJournal journal = open(dir, 1024);
        try {
            assertThatThrownBy(() -> open(dir, 1024)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
        } finally {
            journal.close();
        }
        open(dir, 1024).close();
    }

    static List<Long> rangeList(long fromInclusive, long toExclusive) {
        List<Long> values = new ArrayList<>();
        for (long i = fromInclusive; i < toExclusive; i++) {
            values.add(i);
        }
        return values;
    }
}
