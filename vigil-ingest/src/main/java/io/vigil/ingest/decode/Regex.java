package io.vigil.ingest.decode;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An RE2/J pattern of decoder content with the literal text every match must contain, derived from the pattern
 * when it is loaded. {@link #mayFind} checks that text with {@code indexOf} first, so the (slow, submatch-tracking)
 * RE2/J machine only runs on text that can match: most family {@code match} patterns, {@code when} conditions and
 * message patterns fail on most lines, and their failing is then nearly free. The derivation is conservative:
 * a pattern it cannot read with certainty (flags such as {@code (?i)}, {@code \p}, {@code \x}, {@code \Q}) gets
 * no literals and always runs.
 */
final class Regex {

    private final Pattern pattern;
    private final Literals required;
    private final Set<String> groups;
    /** For a pattern {@code ^text$} of plain characters: the text, which a match must equal; else null. */
    private final String exact;

    Regex(Pattern pattern) {
        this.pattern = pattern;
        this.required = requiredLiterals(pattern.pattern());
        this.groups = Set.copyOf(pattern.namedGroups().keySet());
        this.exact = exact(pattern.pattern());
    }

    /**
     * {@code ^sshd$} and the like (vendor families that claim by program name): RE2's {@code ^} and {@code $} are
     * the start and end of the text (no multi-line flag can be set without {@code (?}, which this excludes), so
     * the pattern finds a match exactly when the text equals what lies between them.
     */
    static String exact(String regex) {
        if (regex.length() < 3 || regex.charAt(0) != '^' || regex.charAt(regex.length() - 1) != '$') {
            return null;
        }
        for (int i = 1; i < regex.length() - 1; i++) {
            char c = regex.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return null;
            }
        }
        return regex.substring(1, regex.length() - 1);
    }

    /**
     * What a match needs: for one of the {@code alternatives}, every one of its conditions, a condition being
     * satisfied when the text contains one of its strings. {@code ignoreCase}: the pattern starts with {@code (?i)}
     * and its strings are ASCII, compared ignoring ASCII case (text with other characters is not filtered, as
     * Unicode case folding maps a few of them onto ASCII letters).
     */
    record Literals(boolean ignoreCase, List<List<List<String>>> alternatives) {
    }

    Pattern pattern() {
        return pattern;
    }

    Set<String> groups() {
        return groups;
    }

    /** The literal text a match needs, or null when the pattern has no filter. */
    Literals literals() {
        return required;
    }

    /** False when {@code text} certainly holds no match; true when it may. */
    boolean mayFind(String text) {
        if (required == null) {
            return true;
        }
        boolean ignoreCase = required.ignoreCase();
        if (ignoreCase && !isAscii(text)) {
            return true;
        }
        for (List<List<String>> alternative : required.alternatives()) {
            boolean all = true;
            for (List<String> condition : alternative) {
                if (!containsAny(text, condition, ignoreCase)) {
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

    private static boolean containsAny(String text, List<String> literals, boolean ignoreCase) {
        for (String literal : literals) {
            if (ignoreCase ? containsIgnoringCase(text, literal) : text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** ASCII text and literal (see {@link Literals}): only positions holding the first letter in either case are compared. */
    private static boolean containsIgnoringCase(String text, String literal) {
        int length = literal.length();
        if (length == 0) {
            return true;
        }
        char lower = Character.toLowerCase(literal.charAt(0));
        char upper = Character.toUpperCase(literal.charAt(0));
        int last = text.length() - length;
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i + 1, literal, 1, length - 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether the pattern finds a match in {@code text}. */
    boolean find(String text) {
        if (exact != null) {
            return text.equals(exact);
        }
        return mayFind(text) && pattern.matcher(text).find();
    }

    /** {@link #find} for text that passed the literal pre-filter already. */
    boolean findPrefiltered(String text) {
        return exact != null ? text.equals(exact) : pattern.matcher(text).find();
    }

    /** A matcher positioned on the first match in {@code text}, or null when there is none. */
    Matcher first(String text) {
        if (!mayFind(text)) {
            return null;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m : null;
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }

    /**
     * For each top-level alternative of {@code regex}, the literal runs outside groups and classes that a match
     * must contain (runs of two characters or more, or the longest run when all are single characters); null when
     * some alternative has none or the pattern uses syntax this reading does not follow.
     */
    static Literals requiredLiterals(String regex) {
        List<List<List<String>>> alternatives = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        List<List<String>> sets = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean lastIsLiteral = false; // the last atom is the last character of run
        int n = regex.length();
        int i = 0;
        boolean ignoreCase = regex.startsWith("(?i)");
        if (ignoreCase) {
            i = 4;
            for (int k = i; k < n; k++) {
                if (regex.charAt(k) >= 0x80) {
                    return null;
                }
            }
        }
        while (i < n) {
            char c = regex.charAt(i);
            if (Character.isSurrogate(c)) {
                return null;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) {
                        return null;
                    }
                    char e = regex.charAt(i + 1);
                    if (Character.isLetterOrDigit(e)) {
                        if ("dDwWsSbBAz".indexOf(e) < 0) {
                            return null; // \p{..}, \x{..}, \Q..\E, octal, control escapes: not followed here
                        }
                        endRun(run, runs);
                        lastIsLiteral = false;
                    } else {
                        if (Character.isSurrogate(e)) {
                            return null;
                        }
                        run.append(e);
                        lastIsLiteral = true;
                    }
                    i += 2;
                }
                case '[' -> {
                    i = skipClass(regex, i);
                    if (i < 0) {
                        return null;
                    }
                    endRun(run, runs);
                    lastIsLiteral = false;
                }
                case '(' -> {
                    if (i + 1 < n && regex.charAt(i + 1) == '?' && !(regex.startsWith("(?:", i) || regex.startsWith("(?P<", i))) {
                        return null; // flags change how literals match
                    }
                    int open = i;
                    i = skipGroup(regex, i);
                    if (i < 0) {
                        return null;
                    }
                    endRun(run, runs);
                    List<String> words = words(regex, open, i);
                    boolean optional = i < n && "?*{".indexOf(regex.charAt(i)) >= 0;
                    if (words != null && !optional) {
                        sets.add(words);
                    }
                    lastIsLiteral = false;
                }
                case ')' -> {
                    return null;
                }
                case '|' -> {
                    endRun(run, runs);
                    List<List<String>> chosen = choose(runs, sets);
                    if (chosen == null) {
                        return null;
                    }
                    alternatives.add(chosen);
                    runs.clear();
                    sets.clear();
                    lastIsLiteral = false;
                    i++;
                }
                case '*', '?', '+', '{' -> {
                    boolean optional = c != '+';
                    int next = i + 1;
                    if (c == '{') {
                        int close = regex.indexOf('}', i);
                        if (close < 0) {
                            return null;
                        }
                        String bounds = regex.substring(i + 1, close);
                        optional = !bounds.matches("[1-9][0-9]*(,[0-9]*)?");
                        next = close + 1;
                    }
                    if (lastIsLiteral && optional) {
                        run.setLength(run.length() - 1); // the repeated character may be absent
                    }
                    endRun(run, runs); // present at least once, but what follows need not be adjacent
                    lastIsLiteral = false;
                    if (next < n && (regex.charAt(next) == '?' || regex.charAt(next) == '+')) {
                        next++; // lazy or possessive marker
                    }
                    i = next;
                }
                case '.', '^', '$' -> {
                    endRun(run, runs);
                    lastIsLiteral = false;
                    i++;
                }
                default -> {
                    run.append(c);
                    lastIsLiteral = true;
                    i++;
                }
            }
        }
        endRun(run, runs);
        List<List<String>> chosen = choose(runs, sets);
        if (chosen == null) {
            return null;
        }
        alternatives.add(chosen);
        return new Literals(ignoreCase, List.copyOf(alternatives));
    }

    /** The words of a group holding only plain words separated by {@code |} ({@code (?:tcp|udp)}), else null. */
    private static List<String> words(String regex, int open, int after) {
        int from = open + 1;
        if (regex.startsWith("?:", from)) {
            from += 2;
        } else if (regex.startsWith("?P<", from)) {
            from = regex.indexOf('>', from) + 1;
        }
        String body = regex.substring(from, after - 1);
        for (int k = 0; k < body.length(); k++) {
            if ("\\[](){}.*+?^$".indexOf(body.charAt(k)) >= 0) {
                return null;
            }
        }
        List<String> words = List.of(body.split("\\|", -1));
        return words.stream().allMatch(w -> w.length() >= 2) ? words : null;
    }

    private static void endRun(StringBuilder run, List<String> runs) {
        if (!run.isEmpty()) {
            runs.add(run.toString());
            run.setLength(0);
        }
    }

    private static List<List<String>> choose(List<String> runs, List<List<String>> sets) {
        List<List<String>> chosen = new ArrayList<>();
        runs.stream().filter(r -> r.length() >= 2).distinct().forEach(r -> chosen.add(List.of(r)));
        chosen.addAll(sets);
        if (chosen.isEmpty() && !runs.isEmpty()) {
            chosen.add(List.of(runs.getFirst()));
        }
        return chosen.isEmpty() ? null : List.copyOf(chosen);
    }

    /** The index after the class opening at {@code start}, or -1. */
    private static int skipClass(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
                int close = regex.indexOf(":]", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The index after the group opening at {@code start}, or -1. */
    private static int skipGroup(String regex, int start) {
        int depth = 0;
        int i = start;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                i = skipClass(regex, i);
                if (i < 0) {
                    return -1;
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
        }
        return -1;
    }
}
