package io.vigil.ingest.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where unreadable bytes go and how they are counted. A corrupt record is counted once per process
 * however many consumers read it.
 */
final class Quarantine {

    static final String DIRECTORY = "quarantine";

    private final Path directory;
    private final AtomicLong bytes = new AtomicLong();
    private final Set<Long> corruptPositions = ConcurrentHashMap.newKeySet();
    private final AtomicLong truncatedBytes = new AtomicLong();

    private Quarantine(Path directory) {
        this.directory = directory;
    }

    /** The quarantine below {@code journalDirectory}, dropping temporary files of an interrupted save. */
    static Quarantine open(Path journalDirectory) throws IOException {
        Quarantine quarantine = new Quarantine(journalDirectory.resolve(DIRECTORY));
        Files.createDirectories(quarantine.directory);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(quarantine.directory)) {
            for (Path file : files) {
                if (file.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX)) {
                    Files.delete(file);
                } else {
                    quarantine.bytes.addAndGet(Files.size(file));
                }
            }
        }
        return quarantine;
    }

    Path directory() {
        return directory;
    }

    void corruptAt(long position) {
        corruptPositions.add(position);
    }

    long corruptRecords() {
        return corruptPositions.size();
    }

    void truncated(long count) {
        truncatedBytes.addAndGet(count);
    }

    long truncatedBytes() {
        return truncatedBytes.get();
    }

    /** Bytes the quarantined files occupy. */
    long bytes() {
        return bytes.get();
    }

    /** Unreadable bytes of {@code segment} from {@code from} to {@code to}: {@code <segment>-<from>.bin}. */
    Path unreadable(Segment segment, FileChannel channel, long from, long to) throws IOException {
        return save(segment.stem() + "-" + from + ".bin", channel, from, to);
    }

    /** A torn tail cut off at recovery, kept in case it held more than an interrupted write. */
    Path tail(Segment segment, FileChannel channel, long from, long to) throws IOException {
        return save(segment.stem() + "-" + from + ".tail", channel, from, to);
    }

    private Path save(String name, FileChannel channel, long from, long to) throws IOException {
        Path target = directory.resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        Path temp = directory.resolve(name + DurableFiles.TEMP_SUFFIX);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long at = from;
            while (at < to) {
                long n = channel.transferTo(at, to - at, out);
                if (n <= 0) {
                    break;
                }
                at += n;
            }
            out.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.forceDirectory(directory);
        bytes.addAndGet(to - from);
        return target;
    }
}
