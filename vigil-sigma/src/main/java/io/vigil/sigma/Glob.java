package io.vigil.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * Wildcard matching for values with inner wildcards. The two-pointer algorithm with single star backtracking is
 * O(pattern × text) in the worst case and never exponential, whatever the rule author writes.
 */
public final class Glob {

    static final int LITERAL = 0;
    static final int STAR = 1;
    static final int ONE = 2;
    private static final int STAR_MARK = -1;
    private static final int ONE_MARK = -2;

    private final int[] pattern;

    private Glob(int[] pattern) {
        this.pattern = pattern;
    }

    static Glob compile(SigmaString value, CaseMode caseMode) {
        List<int[]> tokens = value.globTokens();
        int[] pattern = new int[tokens.size()];
        for (int i = 0; i < pattern.length; i++) {
            int[] token = tokens.get(i);
            pattern[i] = switch (token[0]) {
                case STAR -> STAR_MARK;
                case ONE -> ONE_MARK;
                default -> caseMode == CaseMode.INSENSITIVE ? CaseFolding.fold(token[1]) : token[1];
            };
        }
        return new Glob(pattern);
    }

    /**
     * The literal runs between wildcards, as the matcher compares them (folded when compiled case-insensitively);
     * every text the glob matches contains each of them. For the candidate index.
     */
    public List<String> literalRuns() {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int codePoint : pattern) {
            if (codePoint == STAR_MARK || codePoint == ONE_MARK) {
                if (!run.isEmpty()) {
                    runs.add(run.toString());
                    run.setLength(0);
                }
            } else {
                run.appendCodePoint(codePoint);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run.toString());
        }
        return runs;
    }

    boolean matches(String text, CaseMode caseMode) {
        // Over the text's code points, folded as a whole when insensitive (CaseFolding folds per code point, and
        // remembers the folding of a long event value for the other matchers that read it).
        String input = caseMode == CaseMode.INSENSITIVE ? CaseFolding.fold(text) : text;
        int length = input.length();
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < length) {
            int codePoint = input.codePointAt(t);
            if (p < pattern.length && pattern[p] == STAR_MARK) {
                star = p++;
                resume = t;
            } else if (p < pattern.length && (pattern[p] == ONE_MARK || pattern[p] == codePoint)) {
                p++;
                t += Character.charCount(codePoint);
            } else if (star >= 0) {
                p = star + 1;
                resume += Character.charCount(input.codePointAt(resume));
                t = resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == STAR_MARK) {
            p++;
        }
        return p == pattern.length;
    }
}
