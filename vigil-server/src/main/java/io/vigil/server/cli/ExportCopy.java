package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;

/**
 * Copies an export to the output as it arrives, line by line and byte for byte, and recognises the error record a
 * failed export ends with (docs/search.md, "Export"): a JSON line whose top-level key is {@code error}, or a CSV
 * record (outside a quoted cell) whose first cell is {@code #error}. The record is not copied: it is returned, so
 * that the command reports it and exits non-zero.
 */
final class ExportCopy {

    static final String JSONL_ERROR = "{\"error\":";
    static final String CSV_ERROR = "#error,";

    private ExportCopy() {
    }

    /** Copies {@code in} to {@code out}; returns the failure the export reported, or null when it is complete. */
    static String copy(Reader in, Writer out, boolean csv) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean inQuotes = false;
        boolean recordStart = true;
        for (int c; (c = in.read()) >= 0; ) {
            line.append((char) c);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\n') {
                String failure = failure(line, csv, recordStart);
                if (failure != null) {
                    return failure;
                }
                out.append(line);
                line.setLength(0);
                recordStart = !csv || !inQuotes;
            }
        }
        String failure = failure(line, csv, recordStart);
        if (failure != null) {
            return failure;
        }
        out.append(line);
        out.flush();
        return null;
    }

    private static String failure(CharSequence line, boolean csv, boolean recordStart) {
        String text = line.toString().strip();
        if (csv) {
            return recordStart && text.startsWith(CSV_ERROR) ? text.substring(CSV_ERROR.length()) : null;
        }
        if (!text.startsWith(JSONL_ERROR)) {
            return null;
        }
        try {
            JsonNode record = ApiClient.JSON.readTree(text);
            return record.path("error").path("message").asText("export failed") + " (exported "
                    + record.path("exported").asLong() + " events)";
        } catch (IOException e) {
            return text;
        }
    }
}
