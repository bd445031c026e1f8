package io.vigil.server.hunt;

import java.io.IOException;
import java.io.Writer;

/** Output formats of {@code vigil hunt --format}. */
public enum FindingFormat {
    JSONL, CSV;

    public FindingWriter open(Writer out) throws IOException {
        return switch (this) {
            case JSONL -> new JsonlFindingWriter(out);
            case CSV -> new CsvFindingWriter(out);
        };
    }
}
