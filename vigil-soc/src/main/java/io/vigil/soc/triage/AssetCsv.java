package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads an asset import in CSV: a header line naming the columns {@code name, identifiers, owner, criticality,
 * crown_jewel, critical_weakness, site} (any order; name and criticality required), identifiers separated by
 * {@code ;} or {@code |}, fields optionally in double quotes. Every problem is reported with its line.
 */
public final class AssetCsv {

    public static final int MAX_ROWS = 50_000;

    private AssetCsv() {
    }

    /** @throws IllegalArgumentException listing every problem with its line number */
    public static List<Asset> parse(TenantId tenant, String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the CSV is empty; its first line names the columns");
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " assets per import");
        }
        List<String> header = split(lines.getFirst()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int name = header.indexOf("name");
        int criticality = header.indexOf("criticality");
        if (name < 0 || criticality < 0) {
            throw new IllegalArgumentException("line 1: the header must name the columns name and criticality");
        }
        List<Asset> assets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            List<String> cells = split(lines.get(n));
            try {
                assets.add(new Asset(UUID.randomUUID(), tenant, cell(cells, name),
                        List.of(cell(cells, header.indexOf("identifiers")).split("[;|]")),
                        blankToNull(cell(cells, header.indexOf("owner"))), Criticality.parse(cell(cells, criticality)),
                        flag(cell(cells, header.indexOf("crown_jewel"))), flag(cell(cells, header.indexOf("critical_weakness"))),
                        blankToNull(cell(cells, header.indexOf("site")))));
            } catch (IllegalArgumentException e) {
                if (problems.size() < 20) {
                    problems.add("line " + (n + 1) + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return assets;
    }

    private static String cell(List<String> cells, int index) {
        return index < 0 || index >= cells.size() ? "" : cells.get(index).trim();
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }

    private static boolean flag(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "", "false", "no", "0" -> false;
            case "true", "yes", "1" -> true;
            default -> throw new IllegalArgumentException("a flag must be true or false, not '" + s + "'");
        };
    }

    /** Splits one CSV line on commas outside double quotes ("" inside quotes is a quote). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
