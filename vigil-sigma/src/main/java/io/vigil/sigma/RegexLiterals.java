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
        return analyse(regex).runs();
    }

    /**
     * The fewest code points any match has, counted conservatively (0 when unsure): each character, escape or
     * class outside groups counts once, or as often as a {@code {n…}} count says; one under {@code ?} or {@code *},
     * and groups, count nothing. A text with fewer chars than this cannot match.
     */
    public static int minLength(String regex) {
        return analyse(regex).minLength();
    }

    private record Analysis(List<String> runs, int minLength) {
        static final Analysis NOTHING = new Analysis(List.of(), 0);
    }

    private static Analysis analyse(String regex) {
        if (regex.contains("\\Q")) {
            return Analysis.NOTHING;
        }
        List<String> runs = new ArrayList<>();
        int minLength = 0;
        int last = 0; // what the latest character, escape or class outside groups added to minLength
        StringBuilder run = new StringBuilder();
        int depth = 0;
        int i = 0;
        int length = regex.length();
        while (i < length) {
            char c = regex.charAt(i);
            int literal = -1; // the ASCII character this token stands for, if it is one
            boolean optional = false; // a quantifier that may skip or repeat the character before it
            boolean single = false; // a token that matches exactly one code point
            int count = -1; // the least count of a {n…} quantifier, if it reads as one
            int next = i + 1;
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= length) {
                        return Analysis.NOTHING;
                    }
                    char escaped = regex.charAt(i + 1);
                    if (escaped < 0x80 && !Character.isLetterOrDigit(escaped)) {
                        literal = escaped;
                    } else if ("dDwWsSbBAztnrfv".indexOf(escaped) < 0) {
                        return Analysis.NOTHING;
                    }
                    single = "bBAz".indexOf(escaped) < 0;
                    next = i + 2;
                }
                case '[' -> {
                    next = afterClass(regex, i);
                    if (next < 0) {
                        return Analysis.NOTHING;
                    }
                    single = true;
                }
                case '(' -> {
                    int flagsEnd = flagsOnly(regex, i);
                    if (flagsEnd > 0) {
                        // (?i) has no node of its own: a quantifier after it applies to what came before it,
                        // even after another quantifier; not worth reading.
                        if (flagsEnd < length && "?*+{".indexOf(regex.charAt(flagsEnd)) >= 0) {
                            return Analysis.NOTHING;
                        }
                        i = flagsEnd;
                        continue;
                    }
                    depth++;
                }
                case ')' -> {
                    if (--depth < 0) {
                        return Analysis.NOTHING;
                    }
                }
                case '|' -> {
                    if (depth == 0) {
                        return Analysis.NOTHING;
                    }
                }
                case '?', '*' -> optional = true;
                case '{' -> {
                    // A repetition count, or (in RE2) literal text when it is not one: skipping it is sound either way.
                    optional = true;
                    next = regex.indexOf('}', i);
                    if (next < 0) {
                        return Analysis.NOTHING;
                    }
                    count = leastCount(regex.substring(i + 1, next));
                    next++;
                }
                case '+' -> {
                    // Keeps the character before it required (also when lazy, "+?"), unless repeated again.
                    optional = next < length && (regex.charAt(next) == '*' || regex.charAt(next) == '{');
                }
                case '.' -> single = true;
                case '^', '$' -> {
                }
                default -> {
                    literal = c < 0x80 ? c : -1;
                    single = true;
                }
            }
            if (depth == 0 && (single || literal >= 0)) {
                last = 1;
                minLength++;
            } else if (optional) {
                // A quantifier on the latest counted token: it may occur fewer times (or, for {n…}, n times).
                if (last > 0) {
                    minLength += Math.max(count, 0) - last;
                }
                last = 0;
            } else if (c != '+') {
                last = 0;
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
            return Analysis.NOTHING;
        }
        finish(run, runs);
        return new Analysis(runs, minLength);
    }

    /** {@code n} of a repetition count {@code n}, {@code n,} or {@code n,m}; -1 for anything else. */
    private static int leastCount(String repetition) {
        int comma = repetition.indexOf(',');
        String least = comma < 0 ? repetition : repetition.substring(0, comma);
        if (least.isEmpty() || least.length() > 4 || !least.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        return Integer.parseInt(least);
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
