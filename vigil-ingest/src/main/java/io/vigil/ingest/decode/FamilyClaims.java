package io.vigil.ingest.decode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which vendor family claims a message: the first, in content order, whose {@code match} patterns all find in
 * their fields ({@link VendorFamily#claims}), with the same answer for every event. Most messages are claimed by
 * no family or by one of the last, so every family's patterns are asked about every message; what makes that cheap
 * is that each pattern first needs certain literal text ({@link Regex}), and those literals are looked for here in
 * one pass per field over all families ({@link LiteralScanner}) rather than once per literal per family. Each
 * field's value is also looked up once per message, not once per family that tests it.
 *
 * <p>Immutable once built; one instance serves every decoding thread.
 */
final class FamilyClaims {

    private final List<VendorFamily> families;
    private final String[] fields;
    private final LiteralScanner[] scanners;
    private final Condition[][] conditions;

    /**
     * One {@code match} pattern of a family: the field it reads, the pattern, and the literals it needs as indices
     * into its field's scanner (alternatives → all of → any of); {@code required} is null when the pattern has no
     * literal filter this class can evaluate (it is then asked directly, with its own pre-filter).
     */
    private record Condition(int field, Regex regex, int[][][] required) {
    }

    FamilyClaims(List<VendorFamily> families) {
        this.families = List.copyOf(families);
        Map<String, Integer> fieldIndex = new LinkedHashMap<>();
        List<Map<String, Integer>> literalIndex = new ArrayList<>();
        this.conditions = new Condition[this.families.size()][];
        for (int f = 0; f < this.families.size(); f++) {
            List<Condition> list = new ArrayList<>();
            for (Map.Entry<String, Regex> match : this.families.get(f).match().entrySet()) {
                int field = fieldIndex.computeIfAbsent(match.getKey(), k -> {
                    literalIndex.add(new LinkedHashMap<>());
                    return literalIndex.size() - 1;
                });
                Regex.Literals literals = match.getValue().literals();
                int[][][] required = null;
                if (literals != null && !literals.ignoreCase()) { // case-blind literals keep the pattern's own check
                    Map<String, Integer> indices = literalIndex.get(field);
                    required = literals.alternatives().stream()
                            .map(all -> all.stream()
                                    .map(any -> any.stream()
                                            .mapToInt(literal -> indices.computeIfAbsent(literal, l -> indices.size()))
                                            .toArray())
                                    .toArray(int[][]::new))
                            .toArray(int[][][]::new);
                }
                list.add(new Condition(field, match.getValue(), required));
            }
            conditions[f] = list.toArray(Condition[]::new);
        }
        this.fields = fieldIndex.keySet().toArray(String[]::new);
        this.scanners = new LiteralScanner[fields.length];
        for (int field = 0; field < fields.length; field++) {
            List<String> literals = List.copyOf(literalIndex.get(field).keySet());
            scanners[field] = literals.isEmpty() ? null : new LiteralScanner(literals);
        }
    }

    /** The first family that claims {@code event}, or null when none does. */
    VendorFamily first(Map<String, Object> event) {
        String[] texts = new String[fields.length];
        boolean[] fetched = new boolean[fields.length];
        long[][] seen = new long[fields.length][];
        for (int f = 0; f < conditions.length; f++) {
            if (claims(conditions[f], event, texts, fetched, seen)) {
                return families.get(f);
            }
        }
        return null;
    }

    /**
     * Whether every condition holds: first the cheap part of each (the field is there, its literals are), so that
     * a family failing on any of them runs no pattern at all; then the patterns.
     */
    private boolean claims(Condition[] all, Map<String, Object> event, String[] texts, boolean[] fetched, long[][] seen) {
        for (Condition condition : all) {
            int field = condition.field();
            if (!fetched[field]) {
                Object value = event.get(fields[field]);
                texts[field] = value == null || value instanceof Map<?, ?> ? null : String.valueOf(value);
                fetched[field] = true;
            }
            String text = texts[field];
            if (text == null) {
                return false;
            }
            if (condition.required() != null) {
                if (seen[field] == null) {
                    seen[field] = scanners[field].scan(text);
                }
                if (!holds(condition.required(), seen[field])) {
                    return false;
                }
            }
        }
        for (Condition condition : all) {
            String text = texts[condition.field()];
            if (condition.required() == null ? !condition.regex().find(text) : !condition.regex().findPrefiltered(text)) {
                return false;
            }
        }
        return true;
    }

    /** {@link Regex#mayFind} over the literals found in the text. */
    private static boolean holds(int[][][] required, long[] seen) {
        for (int[][] alternative : required) {
            boolean all = true;
            for (int[] any : alternative) {
                if (!containsAny(any, seen)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(int[] literals, long[] seen) {
        for (int literal : literals) {
            if (LiteralScanner.contains(seen, literal)) {
                return true;
            }
        }
        return false;
    }
}
