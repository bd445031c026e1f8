package io.vigil.ingest.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The journal's stable id in {@code journal.id}, created on first open. */
final class JournalIdentity {

    static final String FILE = "journal.id";
    private static final Logger LOG = LoggerFactory.getLogger(JournalIdentity.class);

    private JournalIdentity() {
    }

    /**
     * Reads the id, or creates one. An unreadable file is moved to the quarantine and replaced: event ids
     * of entries delivered again then differ from the first delivery, which is better than not starting.
     */
    static String loadOrCreate(Path directory, Path quarantine) throws IOException {
        Path file = directory.resolve(FILE);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (isCanonicalUuid(text)) {
                return text;
            }
            Path aside = quarantine.resolve(FILE + "-" + UUID.randomUUID());
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            LOG.error("{} does not hold a journal id; moved it to {} and created a new id", file, aside);
        }
        String id = UUID.randomUUID().toString();
        DurableFiles.writeAtomically(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private static boolean isCanonicalUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
