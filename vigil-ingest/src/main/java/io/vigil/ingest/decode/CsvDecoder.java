package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delimited text named by a {@link CsvDefinition} (codec {@code csv.<name>}). A raw event may hold one row or a
 * whole file: lines that start with the definition's header prefix ({@code #fields} for Zeek), or that are made
 * only of the format's field names (a VPC flow log file's first line), rename the columns for the rows after
 * them, other {@code #} lines are comments, and every data row becomes one event. A raw event with no data row
 * (only header or comment lines, shipped one line at a time) fails with a reason that says so, so that the
 * pipeline keeps it in the failure store and counts it instead of dropping it.
 */
public final class CsvDecoder implements Decoder {

    private final DecoderLimits limits;
    private final CsvDefinition definition;

    CsvDecoder(DecoderLimits limits, CsvDefinition definition) {
        this.limits = limits;
        this.definition = definition;
    }

    @Override
    public String codec() {
        return definition.codec();
    }

    @Override
    public DecodeResult decode(RawEvent raw) {
        try {
            String text = Text.of(raw, limits);
            Fields fields = new Fields(limits);
            List<Map<String, Object>> events = new ArrayList<>();
            List<String> header = null;
            int headers = 0;
            int comments = 0;
            for (String line : text.split("\r?\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                String prefix = definition.headerPrefix();
                if (prefix != null && line.startsWith(prefix)) {
                    List<String> names = definition.split(line.substring(prefix.length()).strip(), fields);
                    header = new ArrayList<>(names);
                    headers++;
                    continue;
                }
                if (line.startsWith("#")) {
                    comments++;
                    continue;
                }
                List<String> cells = definition.split(line, fields);
                if (definition.isHeaderRow(cells)) {
                    header = cells;
                    headers++;
                    continue;
                }
                Map<String, Object> event = fields.map();
                definition.name(cells, header != null ? header : definition.columnsFor(cells), fields, event);
                Map<String, Object> marker = new java.util.LinkedHashMap<>();
                marker.put("format", "csv");
                marker.put("payload", definition.name());
                marker.put("family", definition.family());
                fields.put(event, "_vigil", marker);
                events.add(event);
            }
            if (events.isEmpty()) {
                return new DecodeResult.Failed("no data row in " + definition.codec() + " input: " + headers
                        + " header and " + comments + " comment line(s) only");
            }
            return new DecodeResult.Decoded(events);
        } catch (LimitExceeded e) {
            return new DecodeResult.Failed(e.getMessage());
        }
    }
}
