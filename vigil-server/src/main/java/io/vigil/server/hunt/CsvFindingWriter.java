package io.vigil.server.hunt;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV with a header; every field is quoted. Cells that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, tab or carriage return) get a leading apostrophe, because titles, paths and times can come
 * from hostile rules or logs (CSV injection). Lists are joined with {@code ;}. The event itself is not included.
 */
final class CsvFindingWriter implements FindingWriter {

    static final List<String> HEADER = List.of("rule_id", "title", "level", "status", "author", "tags",
            "matched_fields", "file", "line", "event_time");

    private final Writer out;

    CsvFindingWriter(Writer out) throws IOException {
        this.out = out;
        row(HEADER);
    }

    @Override
    public void write(Finding finding) throws IOException {
        var detection = finding.detection();
        row(List.of(text(detection.ruleId()), detection.title(), text(detection.level()), text(detection.status()),
                text(detection.author()), String.join(";", detection.tags()),
                String.join(";", detection.matchedFields()), finding.file(), Long.toString(finding.line()),
                finding.eventTime().orElse("")));
    }

    /**
     * A correlation in the same columns: its id as {@code rule_id}, its group-by values ({@code field=value}) as
     * {@code matched_fields}, where the completing event was found, and the window's end as {@code event_time}.
     */
    @Override
    public void write(CorrelationFinding finding) throws IOException {
        var match = finding.match();
        List<String> group = match.groupBy().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        row(List.of(match.correlationKey(), match.title(), text(match.level()), "", text(match.author()),
                String.join(";", match.tags()), String.join(";", group), finding.file(),
                Long.toString(finding.line()), match.windowEnd().toString()));
    }

    private void row(List<String> cells) throws IOException {
        StringBuilder line = new StringBuilder();
        for (String cell : cells) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            line.append('"').append(defused(cell).replace("\"", "\"\"")).append('"');
        }
        out.write(line.append("\r\n").toString());
    }

    private static String defused(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
