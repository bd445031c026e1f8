package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints API answers as JSON or as an aligned table of selected fields. */
final class Output {

    private Output() {
    }

    static void print(PrintWriter out, ApiClient client, JsonNode body, String... columns) {
        if (client.json) {
            out.println(body.toPrettyString());
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        JsonNode list = body.has("items") ? body.get("items") : body;
        if (list.isArray()) {
            list.forEach(rows::add);
        } else {
            rows.add(list);
        }
        int[] widths = new int[columns.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(columns);
        for (JsonNode row : rows) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                JsonNode value = row.path(columns[i]);
                line[i] = value.isMissingNode() || value.isNull() ? "-" : value.isValueNode() ? value.asText() : value.toString();
            }
            cells.add(line);
        }
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], Math.min(line[i].length(), 80));
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String cell = line[i].length() > 80 ? line[i].substring(0, 77) + "..." : line[i];
                text.append(i == line.length - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            out.println(text.toString().stripTrailing());
        }
        if (body.has("nextBefore") && !body.get("nextBefore").isNull()) {
            out.println("(more: --before " + body.get("nextBefore").asText() + "; total " + body.path("total").asText() + ")");
        }
    }
}
