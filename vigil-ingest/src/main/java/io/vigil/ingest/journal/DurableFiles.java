package io.vigil.ingest.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small files that must be either wholly old or wholly new after a crash. */
final class DurableFiles {

    static final String TEMP_SUFFIX = ".tmp";
    private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);

    private DurableFiles() {
    }

    /** Write a temporary file, force it, rename it over the target, force the directory. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Makes a create, rename or delete in {@code directory} durable. Not every platform can open a
     * directory for this (Windows cannot); there the rename is as durable as the OS makes it.
     */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | AccessDeniedException e) {
            LOG.debug("cannot force directory {}: {}", directory, e.toString());
        }
    }
}
