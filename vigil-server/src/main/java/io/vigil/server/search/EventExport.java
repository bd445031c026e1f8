package io.vigil.server.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.api.ApiError;
import io.vigil.core.event.Event;
import io.vigil.core.search.EventStore;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an export: every matching event, oldest first, as JSON lines or CSV. The answer's status (200) is sent
 * before the first event, so a failure after it cannot change the status any more: the export then ends with an
 * error record a client can tell from any event — in JSON lines a last line {@code {"error":{...},"exported":n}}
 * (an event line never has a top-level {@code error}), in CSV a last row whose first cell is {@value #CSV_ERROR}
 * (an event row starts with an ISO time), then the error code, the message and the number of events exported.
 * An export without such a record is complete.
 */
final class EventExport {

    /** The first cell of the CSV row that reports a failed export. */
    static final String CSV_ERROR = "#error";
    /** How a JSON line reporting a failed export starts. */
    static final String JSONL_ERROR = "{\"error\":";

    static final List<String> DEFAULT_CSV_FIELDS = List.of("device.hostname", "actor.user.name", "src_endpoint.ip",
            "dst_endpoint.ip", "metadata.event_code", "message");

    private static final Logger log = LoggerFactory.getLogger(EventExport.class);

    /** The formats an export is written in. */
    enum Format {
        JSONL("application/x-ndjson;charset=UTF-8", "jsonl"),
        CSV("text/csv;charset=UTF-8", "csv");

        final String contentType;
        final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        static Format of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "jsonl" -> JSONL;
                case "csv" -> CSV;
                default -> throw new IllegalArgumentException("format must be jsonl or csv, was '" + name + "'");
            };
        }
    }

    /** What an export wrote: the events, and the error it ended with (null when complete). */
    record Outcome(long exported, ApiError error) {
    }

    private final ObjectMapper json;
    private final Format format;
    private final List<String> columns;

    EventExport(ObjectMapper json, Format format, List<String> columns) {
        this.json = json;
        this.format = format;
        this.columns = List.copyOf(columns);
    }

    /**
     * Streams the tenant's matching events to {@code out} and flushes it. A failure of the store ends the export
     * with the error record; a failure to write (the client went away) is thrown.
     */
    Outcome write(EventStore store, TenantId tenant, String query, TimeRange range, long max, Writer out)
            throws IOException {
        if (format == Format.CSV) {
            out.write(Csv.header(columns));
        }
        long[] exported = {0};
        ApiError error = null;
        try {
            store.stream(tenant, query, range, max, event -> {
                try {
                    out.write(line(event));
                    exported[0]++;
                    return true;
                } catch (IOException e) {
                    throw new ClientGone(e);
                }
            });
        } catch (ClientGone gone) {
            throw gone.getCause();
        } catch (IllegalArgumentException e) {
            // A page of the export refused by the store, e.g. over the query timeout: the reason is the client's.
            error = ApiError.of("bad_request", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Export of tenant {} failed after {} events", tenant, exported[0], e);
            error = ApiError.of("internal", "the export failed after " + exported[0]
                    + " events; the server log has details");
        }
        if (error != null) {
            out.write(errorRecord(error, exported[0]));
        }
        out.flush();
        return new Outcome(exported[0], error);
    }

    private String line(Event event) throws JsonProcessingException {
        return format == Format.CSV ? Csv.row(event, columns) : json.writeValueAsString(EventView.of(event)) + "\n";
    }

    private String errorRecord(ApiError error, long exported) throws JsonProcessingException {
        if (format == Format.CSV) {
            return CSV_ERROR + ',' + Csv.cell(error.error()) + ',' + Csv.cell(error.message()) + ',' + exported + "\r\n";
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("error", error);
        record.put("exported", exported);
        return json.writeValueAsString(record) + "\n";
    }

    /** A write to the client failed: not the store's failure, nothing more can be written. */
    private static final class ClientGone extends RuntimeException {

        ClientGone(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** CSV per RFC 4180: time, id, source and the chosen fields (common fields first, then decoded ones). */
    static final class Csv {

        private Csv() {
        }

        static String header(List<String> columns) {
            StringBuilder line = new StringBuilder("time,id,source");
            columns.forEach(c -> line.append(',').append(cell(c)));
            return line.append("\r\n").toString();
        }

        static String row(Event event, List<String> columns) {
            StringBuilder line = new StringBuilder();
            line.append(event.time()).append(',').append(event.id()).append(',').append(cell(event.source().name()));
            for (String column : columns) {
                line.append(',').append(cell(value(event, column)));
            }
            return line.append("\r\n").toString();
        }

        static String value(Event event, String path) {
            Object common = event.common().get(path);
            if (common != null) {
                return String.valueOf(common);
            }
            Object node = event.fields().get(path);
            if (node == null) {
                node = event.fields();
                for (String part : path.split("\\.")) {
                    node = node instanceof Map<?, ?> map ? map.get(part) : null;
                }
            }
            return node == null || node instanceof Map<?, ?> ? "" : String.valueOf(node);
        }

        static String cell(String value) {
            if (value == null) {
                return "";
            }
            // A leading =, +, - or @ would be a formula in a spreadsheet: quote it with a leading apostrophe.
            String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
            if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
                return '"' + safe.replace("\"", "\"\"") + '"';
            }
            return safe;
        }
    }
}
