package io.vigil.server.hunt;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** One log file to scan: its layout, whether it is gzip-compressed, and its size on disk (for progress). */
public record LogInput(Path path, Layout layout, boolean gzip, long size) {

    /** {@code DOCUMENTS}: JSON values one after another (an object, an array of objects, or several). */
    public enum Layout { LINES, DOCUMENTS }

    public LogInput {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(layout, "layout");
    }

    static boolean isLogName(String fileName) {
        String name = baseName(fileName);
        return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /** An explicitly named file with an unknown extension is read as one JSON object per line. */
    static LogInput of(Path path, long size) {
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = lower.endsWith(".gz");
        Layout layout = baseName(lower).endsWith(".json") ? Layout.DOCUMENTS : Layout.LINES;
        return new LogInput(path, layout, gzip, size);
    }

    private static String baseName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
    }
}
