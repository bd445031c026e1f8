package io.vigil.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import io.vigil.core.tenant.TenantId;
import io.vigil.testkit.FakeClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Events, configurations and file surgery shared by the journal tests. */
final class JournalFixtures {

    static final TenantId TENANT = TenantId.of("6f1d1c3e-8a56-4d0b-9a43-2f5d2d8e7b10");
    static final SourceRef SOURCE = new SourceRef("http", "fw-01", "json");
    static final Instant RECEIVED = Instant.parse("2025-03-01T12:00:00.123456789Z");
    /** Bound for every wait in these tests; reached only when the behaviour under test is broken. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private JournalFixtures() {
    }

    static FakeClock clock() {
        return new FakeClock(RECEIVED);
    }

    /** Small segments, no disk floor (the test machine's free space must not decide a test). */
    static JournalConfig config(Path directory, long segmentBytes) {
        return new JournalConfig(directory, segmentBytes, null, 0L, null, null);
    }

    static SegmentedJournal open(Path directory, long segmentBytes) {
        return SegmentedJournal.open(config(directory, segmentBytes), clock());
    }

    static RawEvent event(String text) {
        return new RawEvent(TENANT, SOURCE, RECEIVED, text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(JournalEntry entry) {
        assertThat(entry.isCorrupt()).as("entry %d is corrupt: %s", entry.position(), entry.corruption()).isFalse();
        return new String(entry.event().bytes(), StandardCharsets.UTF_8);
    }

    /** Appends one event per text, one append each, and waits until all are durable. */
    static List<Long> appendAll(SegmentedJournal journal, List<String> texts) {
        List<Long> positions = new ArrayList<>();
        for (String text : texts) {
            positions.add(journal.append(List.of(event(text))).orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join());
        }
        return positions;
    }

    static List<String> texts(String prefix, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(prefix + i);
        }
        return texts;
    }

    /** Polls until {@code count} entries arrived; fails after {@link #PATIENCE}. */
    static List<JournalEntry> drain(JournalReader reader, int count) throws InterruptedException {
        List<JournalEntry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (entries.size() < count && System.nanoTime() < deadline) {
            entries.addAll(reader.poll(count - entries.size(), Duration.ofMillis(200)));
        }
        assertThat(entries).as("entries read within %s", PATIENCE).hasSize(count);
        return entries;
    }

    static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /** Byte offsets at which the records of a segment start, read from their length fields. */
    static List<Integer> recordOffsets(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        while (at + RecordFormat.HEADER_BYTES <= bytes.limit()) {
            offsets.add(at);
            at += RecordFormat.HEADER_BYTES + bytes.getInt(at + 1);
        }
        return offsets;
    }

    static void flipByte(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[Math.toIntExact(offset)] ^= (byte) 0x5A;
        Files.write(file, bytes);
    }

    static void overwriteInt(Path file, long offset, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(Math.toIntExact(offset), value);
        Files.write(file, bytes);
    }

    static void appendBytes(Path file, byte[] extra) throws IOException {
        Files.write(file, extra, StandardOpenOption.APPEND);
    }
}
