package io.vigil.sigma.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads files of the shared reference data: $VIGIL_SHARED_DATA, else ../../shared/data (as io.vigil.sigma.SharedData). */
final class SharedFiles {

    private SharedFiles() {
    }

    static String read(String relative) {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        Path root = configured != null && Files.isDirectory(Path.of(configured))
                ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
