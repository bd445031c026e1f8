package io.vigil.server.hunt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final int MAX_NESTING = 200;
    private static final int MAX_REASON = 200;

    private final ObjectMapper json;
    private final ObjectReader lineReader;
    private final ObjectReader elementReader;
    private final int maxRecordBytes;

    LogReader(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(maxRecordBytes)
                        .build())
                .build();
        this.json = new ObjectMapper(factory);
        // A line must be exactly one value; inside a document the parser goes on to the next element itself.
        this.lineReader = json.readerFor(MAP).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.elementReader = json.readerFor(MAP).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
        try {
            Map<String, Object> event = lineReader.readValue(bytes, offset, length);
            return event == null ? new LogRecord.Malformed(line, "not a JSON object")
                    : new LogRecord.Decoded(line, event);
        } catch (IOException e) {
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
        try (JsonParser parser = json.createParser(budget)) {
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
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? line[0] : e.getLocation().getLineNr();
            sink.accept(new LogRecord.Malformed(Math.max(at, 1), "invalid JSON, rest of file skipped: " + reason(e)));
            return Outcome.STOPPED;
        }
    }

    private void element(JsonParser parser, JsonToken token, BudgetInputStream budget, Consumer<LogRecord> sink,
            long[] line) throws IOException {
        line[0] = parser.currentTokenLocation().getLineNr();
        budget.reset();
        if (token == JsonToken.START_OBJECT) {
            sink.accept(new LogRecord.Decoded(line[0], elementReader.<Map<String, Object>>readValue(parser)));
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
