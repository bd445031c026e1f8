package io.vigil.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * Literal runs that every match of a regular expression contains, read conservatively from its RE2 source: only
 * ASCII characters outside any group, character class or alternation count, and a character under a quantifier
 * that may skip or repeat it ({@code ?}, {@code *}, {@code {n,m}}) does not. Anything the reader does not fully
 * understand (an alternation at the top level, a nested or POSIX class, {@code \Q}, {@code \x}, {@code \p}, ...)
 * yields no runs, so the rule stays on the always-check list. ASCII-only runs stay sound under {@code (?i)}: every
 * character RE2 folds together with an ASCII letter ({@code K} Kelvin sign, {@code ſ} long s) case-folds to it.
 */
final class RegexLiterals {

    private RegexLiterals() {
    }

    /** The longest run, or the empty string when there is none. */
    public static String longestRun(String regex) {
        String longest = "";
        for (String run : requiredRuns(regex)) {
            if (run.length() > longest.length()) {
                longest = run;
            }
        }
        return longest;
    }

    static List<String> requiredRuns(String regex) {
        if (regex.contains("\\Q")) {
            return List.of();
        }
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int depth = 0;
        int i = 0;
        int length = regex.length();
        while (i < length) {
            char c = regex.charAt(i);
            int literal = -1; // the ASCII character this token stands for, if it is one
            boolean optional = false; // a quantifier that may skip or repeat the character before it
            int next = i + 1;
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= length) {
                        return List.of();
                    }
                    char escaped = regex.charAt(i + 1);
                    if (escaped < 0x80 && !Character.isLetterOrDigit(escaped)) {
                        literal = escaped;
                    } else if ("dDwWsSbBAztnrfv".indexOf(escaped) < 0) {
                        return List.of();
                    }
                    next = i + 2;
                }
                case '[' -> {
                    next = afterClass(regex, i);
                    if (next < 0) {
                        return List.of();
                    }
                }
                case '(' -> {
                    int flagsEnd = flagsOnly(regex, i);
                    if (flagsEnd > 0) {
                        // (?i) has no node of its own: a quantifier after it applies to what came before it,
                        // even after another quantifier; not worth reading.
                        if (flagsEnd < length && "?*+{".indexOf(regex.charAt(flagsEnd)) >= 0) {
                            return List.of();
                        }
                        i = flagsEnd;
                        continue;
                    }
                    depth++;
                }
                case ')' -> {
                    if (--depth < 0) {
                        return List.of();
                    }
                }
                case '|' -> {
                    if (depth == 0) {
                        return List.of();
                    }
                }
                case '?', '*' -> optional = true;
                case '{' -> {
                    // A repetition count, or (in RE2) literal text when it is not one: skipping it is sound either way.
                    optional = true;
                    next = regex.indexOf('}', i);
                    if (next < 0) {
                        return List.of();
                    }
                    next++;
                }
                case '+' -> {
                    // Keeps the character before it required (also when lazy, "+?"), unless repeated again.
                    optional = next < length && (regex.charAt(next) == '*' || regex.charAt(next) == '{');
                }
                case '.', '^', '$' -> {
                }
                default -> literal = c < 0x80 ? c : -1;
            }
            if (literal >= 0 && depth == 0) {
                run.append((char) literal);
            } else {
                if (optional && !run.isEmpty()) {
                    run.setLength(run.length() - 1);
                }
                finish(run, runs);
            }
            i = next;
        }
        if (depth != 0) {
            return List.of();
        }
        finish(run, runs);
        return runs;
    }

    /** The index just past a flag group such as {@code (?i)} or {@code (?-s)} at {@code start}, else -1. */
    private static int flagsOnly(String regex, int start) {
        if (start + 1 >= regex.length() || regex.charAt(start + 1) != '?') {
            return -1;
        }
        for (int j = start + 2; j < regex.length(); j++) {
            char c = regex.charAt(j);
            if (c == ')') {
                return j + 1;
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                return -1;
            }
        }
        return -1;
    }

    /** The index just past the class starting at {@code start}, or -1 when it nests or does not end. */
    private static int afterClass(String regex, int start) {
        int j = start + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length()) {
            char c = regex.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '[') {
                return -1;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return -1;
    }

    private static void finish(StringBuilder run, List<String> runs) {
        if (!run.isEmpty()) {
            runs.add(run.toString());
            run.setLength(0);
        }
    }
}
