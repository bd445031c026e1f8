package io.vigil.ingest.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every consumer that ever registered and its committed position, one {@code <consumer>.offset} file
 * each. A registered consumer holds back retention even while no reader of it is open: a pipeline that
 * is down for a while must find its data again.
 */
final class Consumers {

    static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");
    static final String SUFFIX = ".offset";
    private static final Logger LOG = LoggerFactory.getLogger(Consumers.class);

    private final Path directory;
    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private final Set<String> open = ConcurrentHashMap.newKeySet();

    private Consumers(Path directory) {
        this.directory = directory;
    }

    /**
     * Loads the offset files. An unreadable one is replaced by {@code fallback} (the oldest retained
     * position): delivering some entries twice is better than skipping any.
     */
    static Consumers load(Path directory, long fallback) throws IOException {
        Consumers consumers = new Consumers(directory);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                name = name.substring(0, name.length() - SUFFIX.length());
                if (!NAME.matcher(name).matches()) {
                    LOG.warn("ignoring {}: not a consumer name", file);
                    continue;
                }
                consumers.committed.put(name, read(file, fallback));
            }
        }
        return consumers;
    }

    private static long read(Path file, long fallback) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            long position = Long.parseLong(text);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // handled below
        }
        LOG.error("offset file {} holds '{}', not a position; the consumer restarts at {} and sees entries again",
                file, text.length() > 40 ? text.substring(0, 40) + "..." : text, fallback);
        return fallback;
    }

    static void requireValidName(String consumer) {
        if (consumer == null || !NAME.matcher(consumer).matches()) {
            throw new IllegalArgumentException("consumer name must match " + NAME.pattern() + ", was " + consumer);
        }
    }

    /**
     * Opens the consumer for one reader; a new consumer starts at {@code start} and is stored at once.
     *
     * @return the committed position
     */
    long open(String consumer, long start) throws IOException {
        requireValidName(consumer);
        if (!open.add(consumer)) {
            throw new IllegalStateException("a reader for consumer " + consumer + " is already open");
        }
        try {
            Long known = committed.get(consumer);
            if (known != null) {
                return known;
            }
            store(consumer, start);
            return start;
        } catch (IOException | RuntimeException e) {
            open.remove(consumer);
            throw e;
        }
    }

    void release(String consumer) {
        open.remove(consumer);
    }

    void store(String consumer, long position) throws IOException {
        DurableFiles.writeAtomically(directory.resolve(consumer + SUFFIX),
                (position + "\n").getBytes(StandardCharsets.US_ASCII));
        committed.put(consumer, position);
    }

    /** Raises positions below {@code floor}: those records are gone, nobody can read them any more. */
    void raiseTo(long floor) {
        committed.replaceAll((consumer, position) -> {
            if (position < floor) {
                LOG.warn("consumer {} committed {} but the journal starts at {}", consumer, position, floor);
                return floor;
            }
            return position;
        });
    }

    OptionalLong lowest() {
        return committed.values().stream().mapToLong(Long::longValue).min();
    }

    OptionalLong highest() {
        return committed.values().stream().mapToLong(Long::longValue).max();
    }

    Map<String, Long> committed() {
        return Map.copyOf(committed);
    }
}
