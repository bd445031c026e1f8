package io.vigil.server.platform;

import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalStats;
import io.vigil.soc.platform.PlatformAlertKind;
import io.vigil.soc.platform.PlatformCondition;
import io.vigil.soc.platform.PlatformProblem;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal refuses appends because of its storage (free space below {@code vigil.journal.min-free-disk-bytes}, or
 * a write or fsync that failed, typically "No space left on device"). Reads the journal's own state, which the inputs
 * act on, and the file store's free space for the operator; writes nothing.
 */
final class JournalStorageCondition implements PlatformCondition {

    static final String PUSH_BACK = "inputs push back (HTTP 503 with Retry-After, syslog TCP/TLS stop reading, MQTT"
            + " defers acknowledgements, syslog UDP drops) and nothing is acknowledged; appends resume by themselves"
            + " once the storage takes writes again. Free space on the journal's file system; journaled data is never"
            + " deleted to make room";

    private final Journal journal;
    private final Path directory;

    JournalStorageCondition(Journal journal, Path directory) {
        this.journal = journal;
        this.directory = directory;
    }

    @Override
    public PlatformAlertKind kind() {
        return PlatformAlertKind.JOURNAL_STORAGE;
    }

    @Override
    public List<PlatformProblem> check() {
        JournalStats.StorageFault fault = journal.stats().storageFault();
        if (fault == null) {
            return List.of();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("path", directory.toString());
        details.put("reason", fault.reason());
        details.put("refusingSince", fault.since().toString());
        try {
            FileStore store = Files.getFileStore(directory);
            details.put("freeBytes", Long.toString(store.getUsableSpace()));
            details.put("totalBytes", Long.toString(store.getTotalSpace()));
        } catch (IOException | RuntimeException e) {
            details.put("freeBytes", "unknown (" + e + ")");
        }
        return List.of(new PlatformProblem(kind(), directory.toString(),
                "The journal in " + directory + " refuses appends: " + fault.reason() + ". " + PUSH_BACK + ".", details));
    }
}
