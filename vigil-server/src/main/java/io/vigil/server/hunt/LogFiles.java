package io.vigil.server.hunt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The log files behind the command-line paths: folders are walked recursively (symbolic links are not followed)
 * for {@code *.json}, {@code *.jsonl}, {@code *.ndjson} and their {@code .gz} forms, in path order.
 */
public final class LogFiles {

    private LogFiles() {
    }

    public static List<LogInput> collect(List<Path> paths) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(f -> LogInput.isLogName(f.getFileName().toString()))
                            .sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new HuntInputException("cannot list logs in " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new HuntInputException("no such log file or folder: " + path);
            }
        }
        List<LogInput> inputs = new ArrayList<>();
        for (Path file : files) {
            try {
                inputs.add(LogInput.of(file, Files.size(file)));
            } catch (IOException e) {
                throw new HuntInputException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return inputs;
    }
}
