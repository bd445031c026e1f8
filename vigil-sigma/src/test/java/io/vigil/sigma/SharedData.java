package io.vigil.sigma;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared reference data: $VIGIL_SHARED_DATA (set by the root pom's surefire config), else ../../shared/data. */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        Path relative = Path.of("..", "..", "shared", "data");
        if (Files.isDirectory(relative)) {
            return relative.normalize();
        }
        throw new IllegalStateException("shared data not found: set VIGIL_SHARED_DATA or run from vigil-sigma with "
                + relative.toAbsolutePath().normalize() + " present");
    }
}
