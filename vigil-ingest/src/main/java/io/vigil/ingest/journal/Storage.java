package io.vigil.ingest.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The two calls to the file system whose timing and answers tests need to control: forcing a segment
 * to disk and asking for free space.
 */
interface Storage {

    Storage LOCAL = new Storage() {
        @Override
        public void force(FileChannel channel) throws IOException {
            // Data only: the size change of an append is flushed too, timestamps are not needed.
            channel.force(false);
        }

        @Override
        public long usableSpace(Path directory) {
            // File.getUsableSpace is one statvfs; Files.getFileStore would parse the mount table each time.
            return directory.toFile().getUsableSpace();
        }
    };

    void force(FileChannel channel) throws IOException;

    long usableSpace(Path directory) throws IOException;
}
