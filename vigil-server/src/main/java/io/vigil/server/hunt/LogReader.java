package io.vigil.server.hunt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vigil.ingest.decode.JsonObjectReader;
import io.vigil.ingest.decode.LimitExceeded;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams the records of one log file, never the whole file: {@code LINES} (JSONL / NDJSON) frame by line with a
 * bounded length and go on after a bad line; {@code DOCUMENTS} ({@code .json}: an object, an array of objects or
 * several values in a row) parse with a streaming parser, bounded per element, and stop at the first syntax error
 * because a JSON document cannot be re-synchronised.
 */
final class LogReader {

    /** How reading a file ended. {@code STOPPED}: the rest of the file was not read; the reason was reported. */
    enum Outcome { COMPLETE, STOPPED }

    private static final int MAX_NESTING = 200;
    private static final int MAX_REASON = 200;

    private final JsonFactory factory;
    private final JsonObjectReader decoder = new JsonObjectReader(Integer.MAX_VALUE, MAX_NESTING);
    private final int maxRecordBytes;

    LogReader(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(maxRecordBytes)
                        .build())
                .build();
    }

    Outcome read(InputStream raw, LogInput input, Consumer<LogRecord> sink) {
        long[] line = {0};
        try (InputStream in = input.gzip() ? new GZIPInputStream(raw, 64 * 1024) : raw) {
            return switch (input.layout()) {
                case LINES -> readLines(in, sink, line);
                case DOCUMENTS -> readDocuments(in, sink, line);
            };
        } catch (IOException e) {
            // Only the input's own failures; an exception from the sink (e.g. the output failing) propagates.
            sink.accept(new LogRecord.Malformed(Math.max(line[0], 1), "unreadable, rest of file skipped: " + reason(e)));
            return Outcome.STOPPED;
        }
    }

    private Outcome readLines(InputStream in, Consumer<LogRecord> sink, long[] line) throws IOException {
        BoundedLineReader lines = new BoundedLineReader(in, maxRecordBytes);
        while (lines.next()) {
            line[0] = lines.number();
            if (lines.tooLong()) {
                sink.accept(new LogRecord.Malformed(line[0], "line longer than " + maxRecordBytes + " bytes"));
            } else if (!lines.isBlank()) {
                sink.accept(decodeLine(line[0], lines.bytes(), lines.offset(), lines.length()));
            }
        }
        return Outcome.COMPLETE;
    }

    private LogRecord decodeLine(long line, byte[] bytes, int offset, int length) {
        try (JsonParser parser = factory.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new LogRecord.Malformed(line, "not a JSON object");
            }
            Map<String, Object> event = decoder.object(parser);
            JsonToken trailing = parser.nextToken();
            return trailing == null ? new LogRecord.Decoded(line, event)
                    : new LogRecord.Malformed(line, "more after the JSON object: " + trailing.asString());
        } catch (IOException | LimitExceeded e) {
            return new LogRecord.Malformed(line,
                    startsAnObject(bytes, offset, length) ? reason(e) : "not a JSON object");
        }
    }

    private static boolean startsAnObject(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return bytes[i] == '{';
            }
        }
        return false;
    }

    private Outcome readDocuments(InputStream in, Consumer<LogRecord> sink, long[] line) throws IOException {
        BudgetInputStream budget = new BudgetInputStream(in, maxRecordBytes);
        try (JsonParser parser = factory.createParser(budget)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (token == null) {
                            throw new IOException("unexpected end of input inside an array");
                        }
                        element(parser, token, budget, sink, line);
                    }
                } else {
                    element(parser, token, budget, sink, line);
                }
            }
            return Outcome.COMPLETE;
        } catch (JsonProcessingException | LimitExceeded e) {
            long at = e instanceof JsonProcessingException json && json.getLocation() != null
                    ? json.getLocation().getLineNr() : line[0];
            sink.accept(new LogRecord.Malformed(Math.max(at, 1), "invalid JSON, rest of file skipped: " + reason(e)));
            return Outcome.STOPPED;
        }
    }

    private void element(JsonParser parser, JsonToken token, BudgetInputStream budget, Consumer<LogRecord> sink,
            long[] line) throws IOException {
        line[0] = parser.currentTokenLocation().getLineNr();
        budget.reset();
        if (token == JsonToken.START_OBJECT) {
            sink.accept(new LogRecord.Decoded(line[0], decoder.object(parser)));
        } else {
            parser.skipChildren();
            sink.accept(new LogRecord.Malformed(line[0], "not a JSON object"));
        }
    }

    private static String reason(Exception e) {
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                : e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
    }
}
