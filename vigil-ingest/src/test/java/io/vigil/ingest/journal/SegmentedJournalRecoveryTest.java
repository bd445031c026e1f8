package io.vigil.ingest.journal;

import static io.vigil.ingest.journal.JournalFixtures.appendAll;
import static io.vigil.ingest.journal.JournalFixtures.appendBytes;
import static io.vigil.ingest.journal.JournalFixtures.drain;
import static io.vigil.ingest.journal.JournalFixtures.event;
import static io.vigil.ingest.journal.JournalFixtures.flipByte;
import static io.vigil.ingest.journal.JournalFixtures.open;
import static io.vigil.ingest.journal.JournalFixtures.overwriteInt;
import static io.vigil.ingest.journal.JournalFixtures.recordOffsets;
import static io.vigil.ingest.journal.JournalFixtures.segmentFiles;
import static io.vigil.ingest.journal.JournalFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.error.TemporaryException;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalFullException;
import io.vigil.core.journal.JournalReader;
import io.vigil.testkit.FakeClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash or a damaged disk leaves behind, and what the journal makes of it. */
class SegmentedJournalRecoveryTest {

    private static final int ONE_SEGMENT = 1 << 20;
    private static final int SMALL_SEGMENTS = 1024;

    @TempDir
    Path dir;

    @Test
    void cutsOffAPartialRecordAtTheTailAndAppendsAfterTheIntactOnes() throws Exception {
        Path segment = writeAndClose(ONE_SEGMENT, 3);
        long intact = Files.size(segment);
        byte[] frame = RecordFormat.encode(List.of(event("torn")), JournalConfig.DEFAULT_MAX_RECORD_BYTES);
        appendBytes(segment, Arrays.copyOf(frame, 20));

        try (SegmentedJournal journal = open(dir, ONE_SEGMENT); JournalReader reader = journal.reader("pipeline")) {
            assertThat(journal.stats().truncatedBytes()).isEqualTo(20);
            assertThat(Files.size(segment)).isEqualTo(intact);
            assertThat(dir.resolve("quarantine").resolve("00000000000000000000-" + intact + ".tail")).hasSize(20);
            assertThat(drain(reader, 3)).extracting(JournalFixtures::text).containsExactly("e0", "e1", "e2");

            assertThat(appendAll(journal, List.of("after"))).containsExactly(3L);
            assertThat(drain(reader, 1)).extracting(JournalFixtures::text).containsExactly("after");
        }
    }

    @Test
    void cutsOffAPartialHeaderAtTheTail() throws Exception {
        Path segment = writeAndClose(ONE_SEGMENT, 3);
        appendBytes(segment, new byte[] {RecordFormat.MAGIC, 0, 0});

        try (SegmentedJournal journal = open(dir, ONE_SEGMENT); JournalReader reader = journal.reader("pipeline")) {
            assertThat(journal.stats().truncatedBytes()).isEqualTo(3);
            assertThat(drain(reader, 3)).extracting(JournalFixtures::text).containsExactly("e0", "e1", "e2");
        }
    }

    @Test
    void cutsOffGarbageAtTheTail() throws Exception {
        Path segment = writeAndClose(ONE_SEGMENT, 3);
        byte[] garbage = new byte[100];
        Arrays.fill(garbage, (byte) 0x37);
        appendBytes(segment, garbage);

        try (SegmentedJournal journal = open(dir, ONE_SEGMENT); JournalReader reader = journal.reader("pipeline")) {
            assertThat(journal.stats().truncatedBytes()).isEqualTo(100);
            assertThat(journal.stats().corruptRecords()).isZero();
            assertThat(drain(reader, 3)).extracting(JournalFixtures::text).containsExactly("e0", "e1", "e2");
            assertThat(appendAll(journal, List.of("after"))).containsExactly(3L);
        }
    }

    @Test
    void cutsOffALastRecordThatFailsItsChecksum() throws Exception {
        Path segment = writeAndClose(ONE_SEGMENT, 3);
        List<Integer> offsets = recordOffsets(segment);
        long lastSize = Files.size(segment) - offsets.get(2);
        flipByte(segment, offsets.get(2) + RecordFormat.HEADER_BYTES + 3);

        try (SegmentedJournal journal = open(dir, ONE_SEGMENT); JournalReader reader = journal.reader("pipeline")) {
            assertThat(journal.stats().truncatedBytes()).isEqualTo(lastSize);
            assertThat(drain(reader, 2)).extracting(JournalFixtures::text).containsExactly("e0", "e1");
            assertThat(appendAll(journal, List.of("after"))).containsExactly(2L);
        }
    }

    @Test
    void handsOnAMiddleRecordThatFailsItsChecksumAsCorruptAndReplaysTheRest() throws Exception {
        Path segment = writeAndClose(ONE_SEGMENT, 5);
        List<Integer> offsets = recordOffsets(segment);
        flipByte(segment, offsets.get(2) + RecordFormat.HEADER_BYTES + 20);

        try (SegmentedJournal journal = open(dir, ONE_SEGMENT); JournalReader reader = journal.reader("pipeline")) {
            assertThat(journal.stats().corruptRecords()).isEqualTo(1);
            assertThat(journal.stats().truncatedBytes()).isZero();
            List<JournalEntry> entries = drain(reader, 5);

            assertThat(entries).extracting(JournalEntry::position).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(entries).extracting(JournalEntry::isCorrupt).containsExactly(false, false, true, false, false);
            JournalEntry corrupt = entries.get(2);
            assertThat(corrupt.corruption()).contains("checksum");
            assertThat(corrupt.corruptBytes()).hasSize(offsets.get(3) - offsets.get(2));
            assertThat(List.of(entries.get(3), entries.get(4))).extracting(JournalFixtures::text).containsExactly("e3", "e4");
            assertThat(journal.stats().corruptRecords()).as("counted once").isEqualTo(1);
        }
    }

    @Test
    void handsOnACorruptRecordInAnOlderSegmentWhenReadingIt() throws Exception {
        writeAndClose(SMALL_SEGMENTS, 40);
        Path first = segmentFiles(dir).get(0);
        flipByte(first, recordOffsets(first).get(1) + RecordFormat.HEADER_BYTES + 30);

        try (SegmentedJournal journal = open(dir, SMALL_SEGMENTS); JournalReader reader = journal.reader("pipeline")) {
            List<JournalEntry> entries = drain(reader, 40);

            assertThat(entries).extracting(JournalEntry::position).containsExactlyElementsOf(SegmentedJournalTest.rangeList(0, 40));
            assertThat(entries).filteredOn(JournalEntry::isCorrupt).extracting(JournalEntry::position).containsExactly(1L);
            assertThat(entries.get(39).event().bytes()).asString().isEqualTo("e39");
            assertThat(journal.stats().corruptRecords()).isEqualTo(1);
        }
    }

    @Test
    void handsOnARecordWithAValidChecksumThatIsNoEventAsCorrupt() throws Exception {
        Path segment = writeAndClose(ONE_SEGMENT, 2);
        byte[] payload = new byte[RecordFormat.MIN_PAYLOAD + 10];
        Arrays.fill(payload, (byte) 0x7F);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(RecordFormat.HEADER_BYTES + payload.length)
                .put(RecordFormat.MAGIC).putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        appendBytes(segment, frame.array());
        appendBytes(segment, RecordFormat.encode(List.of(event("e3")), JournalConfig.DEFAULT_MAX_RECORD_BYTES));

        try (SegmentedJournal journal = open(dir, ONE_SEGMENT); JournalReader reader = journal.reader("pipeline")) {
            List<JournalEntry> entries = drain(reader, 4);

            assertThat(entries).extracting(JournalEntry::isCorrupt).containsExactly(false, false, true, false);
            assertThat(entries.get(2).corruption()).contains("not an event");
            assertThat(entries.get(2).corruptBytes()).hasSize(frame.capacity());
            assertThat(entries.get(3).event().bytes()).asString().isEqualTo("e3");
        }
    }

    @Test
    void quarantinesTheRestOfASegmentWhoseRecordLengthIsGarbageAndReplaysLaterSegments() throws Exception {
        writeAndClose(SMALL_SEGMENTS, 40);
        List<Path> segments = segmentFiles(dir);
        Path first = segments.get(0);
        long secondBase = Segment.parseBase(segments.get(1));
        int broken = recordOffsets(first).get(2);
        overwriteInt(first, broken + 1, 0x7FFF_FFF0);
        byte[] unreadable = Arrays.copyOfRange(Files.readAllBytes(first), broken, (int) Files.size(first));

        try (SegmentedJournal journal = open(dir, SMALL_SEGMENTS); JournalReader reader = journal.reader("pipeline")) {
            List<JournalEntry> entries = drain(reader, 3 + (int) (40 - secondBase));

            assertThat(entries.subList(0, 2)).extracting(JournalFixtures::text).containsExactly("e0", "e1");
            JournalEntry corrupt = entries.get(2);
            assertThat(corrupt.position()).isEqualTo(2);
            assertThat(corrupt.corruption()).contains("implausible length", "quarantine");
            assertThat(corrupt.corruptBytes()).containsExactly(unreadable);
            assertThat(entries.subList(3, entries.size())).extracting(JournalEntry::position)
                    .containsExactlyElementsOf(SegmentedJournalTest.rangeList(secondBase, 40));
            assertThat(entries.subList(3, entries.size())).extracting(JournalFixtures::text)
                    .containsExactlyElementsOf(texts("e", 40).subList((int) secondBase, 40));
            assertThat(dir.resolve("quarantine").resolve("00000000000000000000-" + broken + ".bin")).hasBinaryContent(unreadable);
            assertThat(journal.stats().corruptRecords()).isEqualTo(1);
        }
    }

    @Test
    void quarantinesTheRestOfTheLastSegmentWhenIntactRecordsFollowAGarbageLength() throws Exception {
        Path segment = writeAndClose(ONE_SEGMENT, 5);
        int broken = recordOffsets(segment).get(2);
        overwriteInt(segment, broken + 1, 0x7FFF_FFF0);
        byte[] unreadable = Arrays.copyOfRange(Files.readAllBytes(segment), broken, (int) Files.size(segment));

        try (SegmentedJournal journal = open(dir, ONE_SEGMENT); JournalReader reader = journal.reader("pipeline")) {
            assertThat(journal.stats().corruptRecords()).isEqualTo(1);
            assertThat(journal.stats().truncatedBytes()).isZero();
            long next = appendAll(journal, List.of("after")).get(0);
            List<JournalEntry> entries = drain(reader, 4);

            assertThat(next).as("positions 3 and 4 were handed out before; never again").isGreaterThan(4);
            assertThat(entries.subList(0, 2)).extracting(JournalFixtures::text).containsExactly("e0", "e1");
            assertThat(entries.get(2).position()).isEqualTo(2);
            assertThat(entries.get(2).corruptBytes()).containsExactly(unreadable);
            assertThat(entries.get(3).position()).isEqualTo(next);
            assertThat(JournalFixtures.text(entries.get(3))).isEqualTo("after");
            assertThat(dir.resolve("quarantine").resolve("00000000000000000000-" + broken + ".bin")).hasBinaryContent(unreadable);
        }
    }

    @Test
    void resumesAConsumerCommittedBeyondAQuarantinedRunAtItsPosition() throws Exception {
        writeAndClose(SMALL_SEGMENTS, 40);
        List<Path> segments = segmentFiles(dir);
        long secondBase = Segment.parseBase(segments.get(1));
        overwriteInt(segments.get(0), recordOffsets(segments.get(0)).get(2) + 1, -1);
        try (SegmentedJournal journal = open(dir, SMALL_SEGMENTS); JournalReader reader = journal.reader("pipeline")) {
            drain(reader, 3);
            reader.commit(3);
        }

        try (SegmentedJournal journal = open(dir, SMALL_SEGMENTS); JournalReader reader = journal.reader("pipeline")) {
            assertThat(reader.poll(1, JournalFixtures.PATIENCE)).extracting(JournalEntry::position).containsExactly(secondBase);
        }
    }

    @Test
    void restartsAConsumerWhoseOffsetFileIsUnreadableAtTheOldestEntry() throws Exception {
        writeAndClose(SMALL_SEGMENTS, 10);
        Files.writeString(dir.resolve("pipeline.offset"), "not a number");

        try (SegmentedJournal journal = open(dir, SMALL_SEGMENTS); JournalReader reader = journal.reader("pipeline")) {
            assertThat(reader.committed()).isZero();
            assertThat(drain(reader, 10)).extracting(JournalFixtures::text).containsExactlyElementsOf(texts("e", 10));
        }
    }

    @Test
    void neverGivesOutAPositionBelowWhatAConsumerCommittedEvenIfTheSegmentsAreGone() throws Exception {
        try (SegmentedJournal journal = open(dir, SMALL_SEGMENTS); JournalReader reader = journal.reader("pipeline")) {
            appendAll(journal, texts("e", 5));
            drain(reader, 5);
            reader.commit(5);
        }
        for (Path segment : segmentFiles(dir)) {
            Files.delete(segment);
        }

        try (SegmentedJournal journal = open(dir, SMALL_SEGMENTS); JournalReader reader = journal.reader("pipeline")) {
            assertThat(appendAll(journal, List.of("new"))).containsExactly(5L);
            assertThat(drain(reader, 1)).extracting(JournalFixtures::text).containsExactly("new");
        }
    }

    @Test
    void failsAnAppendWhoseForceFailedAndGivesItsPositionToTheNextOne() throws Exception {
        FailingForce storage = new FailingForce();
        FakeClock clock = JournalFixtures.clock();
        try (SegmentedJournal journal = SegmentedJournal.open(JournalFixtures.config(dir, ONE_SEGMENT),
                clock, storage); JournalReader reader = journal.reader("pipeline")) {
            appendAll(journal, List.of("e0"));
            storage.failNext.set(true);

            assertThat(journal.append(List.of(event("lost"))))
                    .failsWithin(JournalFixtures.PATIENCE).withThrowableThat().havingCause()
                    .isInstanceOf(TemporaryException.class);
            assertThatThrownBy(() -> journal.append(List.of(event("refused"))))
                    .as("refused until the next probe").isInstanceOf(JournalFullException.class);
            clock.advance(DiskSpaceGuard.PROBE_EVERY);
            assertThat(appendAll(journal, List.of("e1"))).containsExactly(1L);
            assertThat(drain(reader, 2)).extracting(JournalFixtures::text).containsExactly("e0", "e1");
            assertThat(reader.poll(10, Duration.ZERO)).isEmpty();
        }
        try (SegmentedJournal journal = open(dir, ONE_SEGMENT); JournalReader reader = journal.reader("pipeline")) {
            assertThat(drain(reader, 2)).extracting(JournalFixtures::text).containsExactly("e0", "e1");
            assertThat(journal.stats().truncatedBytes()).isZero();
        }
    }

    /** Fails one force on request, the way a disk error or a full disk would. */
    private static final class FailingForce implements Storage {

        final AtomicBoolean failNext = new AtomicBoolean();

        @Override
        public void force(FileChannel channel) throws IOException {
            if (failNext.getAndSet(false)) {
                throw new IOException("simulated EIO");
            }
            channel.force(false);
        }

        @Override
        public long usableSpace(Path directory) {
            return Long.MAX_VALUE;
        }
    }

    /** Appends {@code count} events {@code e0, e1, ...} one by one, closes, returns the first segment. */
    private Path writeAndClose(int segmentBytes, int count) throws IOException {
        try (SegmentedJournal journal = open(dir, segmentBytes)) {
            appendAll(journal, texts("e", count));
        }
        return segmentFiles(dir).get(0);
    }
}
