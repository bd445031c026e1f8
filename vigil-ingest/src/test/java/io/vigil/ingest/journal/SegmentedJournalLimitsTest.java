package io.vigil.ingest.journal;

import static io.vigil.ingest.journal.JournalFixtures.appendAll;
import static io.vigil.ingest.journal.JournalFixtures.drain;
import static io.vigil.ingest.journal.JournalFixtures.event;
import static io.vigil.ingest.journal.JournalFixtures.open;
import static io.vigil.ingest.journal.JournalFixtures.segmentFiles;
import static io.vigil.ingest.journal.JournalFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vigil.core.event.RawEvent;
import io.vigil.core.journal.JournalFullException;
import io.vigil.core.journal.JournalReader;
import io.vigil.testkit.FakeClock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Back-pressure, size limits and retention. */
class SegmentedJournalLimitsTest {

    @TempDir
    Path dir;

    @Test
    void refusesAppendsBeyondTheBacklogLimitUntilTheConsumerCommits() throws Exception {
        JournalConfig config = new JournalConfig(dir, 1L << 20, 2048L, 0L, null, null);
        try (SegmentedJournal journal = SegmentedJournal.open(config, JournalFixtures.clock());
             JournalReader reader = journal.reader("pipeline")) {
            int accepted = 0;
            JournalFullException refused = null;
            while (refused == null && accepted < 1000) {
                try {
                    appendAll(journal, List.of("e" + accepted));
                    accepted++;
                } catch (JournalFullException e) {
                    refused = e;
                }
            }

            assertThat(refused).isNotNull().hasMessageContaining("maxBacklogBytes");
            assertThat(refused.retryAfter()).isPositive();
            assertThat(accepted).isBetween(10, 100);
            assertThat(journal.stats().backlogBytes()).isBetween(2048L - 100, 2048L);
            assertThat(journal.stats().nextPosition()).isEqualTo(accepted);

            drain(reader, accepted);
            reader.commit(accepted);
            assertThat(journal.stats().backlogBytes()).isZero();
            assertThat(appendAll(journal, List.of("again"))).containsExactly((long) accepted);
        }
    }

    @Test
    void refusesAppendsWhileFreeDiskSpaceIsBelowTheFloorAndLooksAgainLater() {
        FakeStorage storage = new FakeStorage(100);
        FakeClock clock = JournalFixtures.clock();
        JournalConfig config = new JournalConfig(dir, 1L << 20, null, 1000L, null, null);
        try (SegmentedJournal journal = SegmentedJournal.open(config, clock, storage)) {
            JournalFullException refused = catchThrowableOfType(JournalFullException.class,
                    () -> journal.append(List.of(event("e0"))));
            assertThat(refused).hasMessageContaining("minFreeDiskBytes");
            assertThat(refused.retryAfter()).isPositive();

            storage.free.set(1_000_000);
            assertThatThrownBy(() -> journal.append(List.of(event("e0"))))
                    .as("the last answer is reused until the check interval passed")
                    .isInstanceOf(JournalFullException.class);

            clock.advance(DiskSpaceGuard.CHECK_EVERY);
            assertThat(journal.append(List.of(event("e0"))).join()).isZero();
        }
    }

    @Test
    void afterAFailedWriteRefusesAppendsAndLetsOneProbeThroughPerIntervalUntilOneSucceeds() throws Exception {
        FakeStorage storage = new FakeStorage(Long.MAX_VALUE);
        FakeClock clock = JournalFixtures.clock();
        JournalConfig config = new JournalConfig(dir, 1L << 20, null, 0L, null, null);
        try (SegmentedJournal journal = SegmentedJournal.open(config, clock, storage)) {
            assertThat(journal.append(List.of(event("e0"))).join()).isZero();
            assertThat(journal.stats().storageFault()).isNull();

            storage.failForces.set(true);
            assertThatThrownBy(() -> journal.append(List.of(event("lost"))).join())
                    .hasRootCauseMessage("No space left on device");
            assertThat(journal.stats().storageFault()).isNotNull();
            assertThat(journal.stats().storageFault().reason()).contains("No space left on device");
            assertThat(journal.stats().storageFault().since()).isEqualTo(clock.instant());
            JournalFullException refused = catchThrowableOfType(JournalFullException.class,
                    () -> journal.append(List.of(event("refused"))));
            assertThat(refused.retryAfter()).isEqualTo(DiskSpaceGuard.PROBE_EVERY);
            int forcesBefore = storage.forces.get();

            clock.advance(DiskSpaceGuard.PROBE_EVERY);
            assertThatThrownBy(() -> journal.append(List.of(event("probe"))).join())
                    .as("one probe reaches the storage and fails").hasRootCauseMessage("No space left on device");
            assertThat(storage.forces.get()).isEqualTo(forcesBefore + 1);
            assertThatThrownBy(() -> journal.append(List.of(event("refused"))))
                    .as("the next probe waits for the interval").isInstanceOf(JournalFullException.class);

            storage.failForces.set(false);
            clock.advance(DiskSpaceGuard.PROBE_EVERY);
            assertThat(journal.append(List.of(event("e1"))).join()).as("positions of failed writes are given out again")
                    .isEqualTo(1);
            assertThat(journal.stats().storageFault()).isNull();
            assertThat(journal.append(List.of(event("e2"))).join()).isEqualTo(2);
        }
        try (SegmentedJournal reopened = SegmentedJournal.open(config, clock, storage);
             JournalReader reader = reopened.reader("check")) {
            assertThat(drain(reader, 3)).extracting(JournalFixtures::text)
                    .containsExactly("e0", "e1", "e2");
        }
    }

    @Test
    void rejectsARecordLargerThanTheLimitNamingSizeAndLimit() {
        JournalConfig config = new JournalConfig(dir, 1L << 20, null, 0L, 1024, null);
        try (SegmentedJournal journal = SegmentedJournal.open(config, JournalFixtures.clock())) {
            RawEvent big = new RawEvent(JournalFixtures.TENANT, JournalFixtures.SOURCE, JournalFixtures.RECEIVED,
                    new byte[2000]);

            assertThatThrownBy(() -> journal.append(List.of(event("fits"), big)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2000").hasMessageContaining("1024");
            assertThat(journal.stats().nextPosition()).as("nothing of the batch was appended").isZero();
        }
    }

    @Test
    void deletesSegmentsEveryConsumerHasCommittedButNeverTheActiveOne() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            appendAll(journal, texts("e", 60));
            drain(reader, 60);
            List<Long> bases = bases();
            assertThat(bases).hasSizeGreaterThan(3);

            reader.commit(45);
            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < bases.size(); i++) {
                if (i == bases.size() - 1 || bases.get(i + 1) > 45) {
                    expected.add(bases.get(i));
                }
            }
            assertThat(bases()).containsExactlyElementsOf(expected).hasSizeLessThan(bases.size());

            reader.commit(60);
            assertThat(bases()).containsExactly(bases.get(bases.size() - 1));
            assertThat(journal.stats().committedPosition()).isEqualTo(60);
            assertThat(appendAll(journal, List.of("after"))).containsExactly(60L);
        }
    }

    @Test
    void keepsSegmentsForARegisteredConsumerThatHasNotCommittedAcrossRestarts() throws Exception {
        List<Long> bases;
        try (SegmentedJournal journal = open(dir, 1024)) {
            journal.reader("slow").close();
            try (JournalReader fast = journal.reader("fast")) {
                appendAll(journal, texts("e", 60));
                drain(fast, 60);
                fast.commit(60);
            }
            bases = bases();
            assertThat(bases).hasSizeGreaterThan(3);
            assertThat(journal.stats().committedPosition()).isZero();
        }

        try (SegmentedJournal journal = open(dir, 1024); JournalReader slow = journal.reader("slow")) {
            assertThat(bases()).containsExactlyElementsOf(bases);
            assertThat(drain(slow, 60)).extracting(JournalFixtures::text).containsExactlyElementsOf(texts("e", 60));
            slow.commit(60);
            assertThat(bases()).containsExactly(bases.get(bases.size() - 1));
        }
    }

    @Test
    void reportsBacklogAndDiskUsage() throws Exception {
        try (SegmentedJournal journal = open(dir, 1024); JournalReader reader = journal.reader("pipeline")) {
            appendAll(journal, texts("e", 30));
            long onDisk = 0;
            for (Path segment : segmentFiles(dir)) {
                onDisk += java.nio.file.Files.size(segment);
            }

            assertThat(journal.stats().diskBytes()).isEqualTo(onDisk);
            assertThat(journal.stats().backlogBytes()).isEqualTo(onDisk);
            drain(reader, 30);
            reader.commit(30);
            assertThat(journal.stats().backlogBytes()).isZero();
        }
    }

    private List<Long> bases() throws IOException {
        return segmentFiles(dir).stream().map(Segment::parseBase).toList();
    }

    private static final class FakeStorage implements Storage {

        final AtomicLong free;
        final AtomicBoolean failForces = new AtomicBoolean();
        final AtomicInteger forces = new AtomicInteger();

        FakeStorage(long free) {
            this.free = new AtomicLong(free);
        }

        @Override
        public void force(FileChannel channel) throws IOException {
            forces.incrementAndGet();
            if (failForces.get()) {
                throw new IOException("No space left on device");
            }
            channel.force(false);
        }

        @Override
        public long usableSpace(Path directory) {
            return free.get();
        }
    }
}
