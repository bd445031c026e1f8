package io.vigil.ingest.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A delimited-text format kept as data: the delimiter, the quote character, the column names, and optionally
 * one column whose value selects another column list (Palo Alto's log type) or a header line that names the
 * columns: after a prefix ({@code #fields} in Zeek's TSV logs), or a line made only of the format's field names
 * (the first line of a VPC flow log file in S3, in the order of the flow log's custom format).
 *
 * @param name          codec suffix: the codec is {@code csv.<name>}
 * @param family        the family the events belong to ({@code _vigil.family})
 * @param delimiter     the column separator
 * @param quote         the quote character, {@code 0} for none (Zeek)
 * @param unset         a value that means "no value" and is left out ({@code -} in Zeek), or null
 * @param headerPrefix  a line starting with this names the columns (after the prefix, by the delimiter)
 * @param headerNames   the format's field names: a line whose every cell is one of them names the columns
 * @param columns       the default column names; {@code ""} or {@code FUTURE_USE} columns are skipped
 * @param selectColumn  index of the column whose value picks a list from {@code variants}, or -1
 * @param variants      column lists by the value of {@code selectColumn}
 */
record CsvDefinition(String name, String family, char delimiter, char quote, String unset, String headerPrefix,
                     Set<String> headerNames, List<String> columns, int selectColumn,
                     Map<String, List<String>> variants) {

    CsvDefinition {
        headerNames = Set.copyOf(headerNames);
        columns = List.copyOf(columns);
        variants = Map.copyOf(variants);
    }

    /** Whether {@code cells} are a header row: every cell one of {@link #headerNames}. */
    boolean isHeaderRow(List<String> cells) {
        return !headerNames.isEmpty() && headerNames.containsAll(cells);
    }

    String codec() {
        return "csv." + name;
    }

    /** Splits one line into cells: RFC 4180 quoting when {@code quote} is set; bounded by the field budget. */
    List<String> split(String line, Fields fields) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == quote) {
                    if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
                        cell.append(quote);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (quote != 0 && c == quote && cell.isEmpty()) {
                quoted = true;
            } else if (c == delimiter) {
                fields.spend();
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** Names {@code cells} by {@code names} into {@code event}; extra cells become {@code column_<n>}. */
    void name(List<String> cells, List<String> names, Fields fields, Map<String, Object> event) {
        for (int c = 0; c < cells.size(); c++) {
            String value = cells.get(c);
            if (value.isEmpty() || value.equals(unset)) {
                continue;
            }
            String column = c < names.size() ? names.get(c) : "column_" + (c + 1);
            if (column.isEmpty() || column.equals("FUTURE_USE")) {
                continue;
            }
            fields.put(event, column, value);
        }
    }

    /** The column names for this row: the variant its select column names, else the default list. */
    List<String> columnsFor(List<String> cells) {
        if (selectColumn >= 0 && selectColumn < cells.size()) {
            List<String> variant = variants.get(cells.get(selectColumn));
            if (variant != null) {
                return variant;
            }
        }
        return columns;
    }
}
