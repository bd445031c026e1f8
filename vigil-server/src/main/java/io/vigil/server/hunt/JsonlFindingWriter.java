package io.vigil.server.hunt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object a line: a detection ({@code "kind": "detection"}; author kept, as DRL 1.1 requires) with where it
 * was found and the event, or a correlation that fired ({@code "kind": "correlation"}) with its group, window and
 * value and where the event that completed it was found.
 */
final class JsonlFindingWriter implements FindingWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

    private final Writer out;
    /** One generator for the whole output (not one per finding); lines are separated by hand. */
    private JsonGenerator generator;

    JsonlFindingWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(Finding finding) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        var detection = finding.detection();
        line.put("kind", "detection");
        line.put("rule_id", detection.ruleId());
        line.put("title", detection.title());
        line.put("level", detection.level());
        line.put("status", detection.status());
        line.put("author", detection.author());
        line.put("references", detection.references());
        line.put("tags", detection.tags());
        line.put("matched_fields", detection.matchedFields());
        line.put("file", finding.file());
        line.put("line", finding.line());
        line.put("event_time", finding.eventTime().orElse(null));
        line.put("event", finding.event());
        writeLine(line);
    }

    @Override
    public void write(CorrelationFinding finding) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        var match = finding.match();
        line.put("kind", "correlation");
        line.put("correlation_id", match.correlationKey());
        line.put("title", match.title());
        line.put("level", match.level());
        line.put("author", match.author());
        line.put("tags", match.tags());
        line.put("type", finding.rule().type().yamlName());
        line.put("rules", finding.rule().rules());
        line.put("group_by", match.groupBy());
        line.put("window_start", match.windowStart().toString());
        line.put("window_end", match.windowEnd().toString());
        line.put("value", match.value());
        line.put("file", finding.file());
        line.put("line", finding.line());
        writeLine(line);
    }

    private void writeLine(Map<String, Object> line) throws IOException {
        if (generator == null) {
            generator = JSON.createGenerator(out).setRootValueSeparator(null);
        }
        JSON.writeValue(generator, line);
        generator.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException {
        if (generator != null) {
            generator.flush();
        }
        out.flush();
    }
}
