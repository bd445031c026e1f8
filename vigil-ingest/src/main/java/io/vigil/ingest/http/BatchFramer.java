package io.vigil.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vigil.core.api.ApiError.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an HTTP batch into one byte slice per event: NDJSON (one JSON value per line, blank lines
 * ignored), a JSON array of events, or a single JSON object. Each event is checked to be well-formed
 * JSON so that a sender learns at once which line is wrong; decoding into fields happens later, in the
 * pipeline. A batch with any problem is refused whole (nothing of it is journaled), and every problem
 * is reported with its line and column, up to {@link #MAX_PROBLEMS}.
 */
public final class BatchFramer {

    static final int MAX_PROBLEMS = 20;

    /** How the body is laid out: NDJSON, or JSON (an array of events or a single object). */
    public enum Format { NDJSON, JSON }

    /**
     * Framing only checks well-formedness; nesting depth and field counts are the decoder's limits and
     * fail into the failure store. Jackson's streaming skip is iterative, so the generous bound here only
     * stops absurd input.
     */
    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
            .build();
    private final int maxEventBytes;
    private final int maxEvents;

    public BatchFramer(int maxEventBytes, int maxEvents) {
        this.maxEventBytes = maxEventBytes;
        this.maxEvents = maxEvents;
    }

    /** Thrown when the batch is malformed; carries every problem found. */
    public static final class BatchRejected extends Exception {
        private final transient List<Problem> problems;
        private final boolean tooLarge;

        BatchRejected(String message, List<Problem> problems, boolean tooLarge) {
            super(message, null, false, false);
            this.problems = List.copyOf(problems);
            this.tooLarge = tooLarge;
        }

        public List<Problem> problems() {
            return problems;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    /** One byte slice per event, or every problem found (the batch is then refused whole). */
    public List<byte[]> frame(byte[] body, Format format) throws BatchRejected {
        int first = firstNonWhitespace(body, 0);
        if (first < 0) {
            throw new BatchRejected("the request body is empty: send NDJSON or a JSON array of events",
                    List.of(), false);
        }
        if (format == Format.JSON && body[first] == '[') {
            return frameArray(body);
        }
        if (format == Format.JSON) {
            List<Problem> problems = new ArrayList<>();
            byte[] event = trimmed(body, 0, body.length);
            check(event, 1, problems);
            rejectIfAny(problems);
            return List.of(event);
        }
        return frameLines(body);
    }

    private List<byte[]> frameLines(byte[] body) throws BatchRejected {
        List<byte[]> events = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start <= body.length && problems.size() < MAX_PROBLEMS) {
            int end = indexOf(body, (byte) '\n', start);
            int stop = end < 0 ? body.length : end;
            line++;
            if (firstNonWhitespace(body, start, stop) >= 0) {
                byte[] event = trimmed(body, start, stop);
                if (check(event, line, problems)) {
                    events.add(event);
                    if (events.size() > maxEvents) {
                        throw new BatchRejected("the batch has more than " + maxEvents + " events: split it",
                                List.of(), true);
                    }
                }
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        rejectIfAny(problems);
        return events;
    }

    private List<byte[]> frameArray(byte[] body) throws BatchRejected {
        List<byte[]> events = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (JsonParser parser = factory.createParser(body)) {
            parser.nextToken(); // START_ARRAY, checked by the caller
            JsonToken token;
            int index = 0;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new BatchRejected("the JSON array is not closed", List.of(new Problem(
                            "line " + parser.currentLocation().getLineNr(), "expected ']' before the end of the body")), false);
                }
                index++;
                int startOffset = (int) parser.currentTokenLocation().getByteOffset();
                int line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    problems.add(new Problem("element " + index + " (line " + line + ")", "expected a JSON object, found " + token.asString()));
                }
                parser.skipChildren();
                int endOffset = (int) parser.currentLocation().getByteOffset();
                if (endOffset - startOffset > maxEventBytes) {
                    problems.add(new Problem("element " + index + " (line " + line + ")",
                            "event of " + (endOffset - startOffset) + " bytes exceeds the limit of " + maxEventBytes));
                }
                if (problems.isEmpty()) {
                    events.add(Arrays.copyOfRange(body, startOffset, endOffset));
                }
                if (events.size() > maxEvents) {
                    throw new BatchRejected("the batch has more than " + maxEvents + " events: split it", List.of(), true);
                }
                if (problems.size() >= MAX_PROBLEMS) {
                    break;
                }
            }
            if (problems.isEmpty() && parser.nextToken() != null) {
                problems.add(new Problem("line " + parser.currentLocation().getLineNr(), "unexpected content after the JSON array"));
            }
        } catch (JsonProcessingException e) {
            problems.add(new Problem(location(e), e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new Problem(null, "unreadable body: " + e.getMessage()));
        }
        rejectIfAny(problems);
        return events;
    }

    /** Well-formedness of one event; adds a problem and returns false if it is not a single JSON object. */
    private boolean check(byte[] event, int line, List<Problem> problems) {
        if (event.length > maxEventBytes) {
            problems.add(new Problem("line " + line, "event of " + event.length + " bytes exceeds the limit of " + maxEventBytes));
            return false;
        }
        try (JsonParser parser = factory.createParser(event)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                problems.add(new Problem("line " + line, "expected a JSON object, found " + describe(token)));
                return false;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                problems.add(new Problem("line " + line + ", column " + parser.currentTokenLocation().getColumnNr(),
                        "unexpected content after the JSON object (one event per line)"));
                return false;
            }
            return true;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "line " + line
                    : "line " + (line + e.getLocation().getLineNr() - 1) + ", column " + e.getLocation().getColumnNr();
            problems.add(new Problem(where, e.getOriginalMessage()));
            return false;
        } catch (IOException e) {
            problems.add(new Problem("line " + line, "unreadable: " + e.getMessage()));
            return false;
        }
    }

    private static void rejectIfAny(List<Problem> problems) throws BatchRejected {
        if (!problems.isEmpty()) {
            Problem first = problems.getFirst();
            String where = first.location() == null ? "" : " at " + first.location();
            throw new BatchRejected("bad JSON" + where + ": " + first.message()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""), problems, false);
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? null
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static byte[] trimmed(byte[] body, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && isWhitespace(body[start])) {
            start++;
        }
        while (end > start && isWhitespace(body[end - 1])) {
            end--;
        }
        return Arrays.copyOfRange(body, start, end);
    }

    private static int indexOf(byte[] body, byte b, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonWhitespace(byte[] body, int from) {
        return firstNonWhitespace(body, from, body.length);
    }

    private static int firstNonWhitespace(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isWhitespace(body[i])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
