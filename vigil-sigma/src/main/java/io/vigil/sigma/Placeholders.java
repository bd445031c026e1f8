package io.vigil.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code |expand} placeholders: {@code %name%} is replaced by each configured value (a Sigma string, wildcards
 * allowed); several placeholders in one value give every combination. {@code \%} is a plain percent sign.
 */
final class Placeholders {

    private Placeholders() {
    }

    private sealed interface Part {
        record Literal(String raw) implements Part {
        }

        record Placeholder(String name) implements Part {
        }
    }

    /** The expanded raw values, or null if a placeholder has no value or the combinations exceed the limit. */
    static List<String> expand(String raw, Map<String, List<String>> values, int limit) {
        List<String> results = new ArrayList<>();
        results.add("");
        for (Part part : parse(raw)) {
            switch (part) {
                case Part.Literal literal -> results.replaceAll(prefix -> prefix + literal.raw());
                case Part.Placeholder placeholder -> {
                    List<String> options = values.get(placeholder.name());
                    if (options == null || (long) results.size() * options.size() > limit) {
                        return null;
                    }
                    List<String> next = new ArrayList<>();
                    for (String prefix : results) {
                        for (String option : options) {
                            next.add(prefix + option);
                        }
                    }
                    results = next;
                }
            }
        }
        return results;
    }

    static List<String> unresolved(String raw, Map<String, List<String>> values) {
        List<String> missing = new ArrayList<>();
        for (Part part : parse(raw)) {
            if (part instanceof Part.Placeholder placeholder && !values.containsKey(placeholder.name())) {
                missing.add("%" + placeholder.name() + "%");
            }
        }
        return missing;
    }

    /** The names of the placeholders in one raw value, in order of appearance. */
    static List<String> names(String raw) {
        List<String> names = new ArrayList<>();
        for (Part part : parse(raw)) {
            if (part instanceof Part.Placeholder placeholder && !names.contains(placeholder.name())) {
                names.add(placeholder.name());
            }
        }
        return names;
    }

    /** Whether {@code name} (without percent signs) is a placeholder name that {@code %name%} would be read as. */
    static boolean isValidName(String name) {
        return !name.isEmpty() && isName(name);
    }

    private static List<Part> parse(String raw) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            if (c == '%') {
                int end = raw.indexOf('%', i + 1);
                if (end > i + 1 && isName(raw.substring(i + 1, end))) {
                    if (!literal.isEmpty()) {
                        parts.add(new Part.Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(new Part.Placeholder(raw.substring(i + 1, end)));
                    i = end + 1;
                    continue;
                }
            }
            literal.append(c);
            i++;
        }
        if (!literal.isEmpty()) {
            parts.add(new Part.Literal(literal.toString()));
        }
        return parts;
    }

    private static boolean isName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
