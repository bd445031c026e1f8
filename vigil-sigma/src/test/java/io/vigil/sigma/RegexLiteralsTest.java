package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import io.vigil.sigma.CaseFolding;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {

    @Test
    void topLevelLiteralsAreRunsAndQuantifiedCharactersAreNot() {
        assertThat(RegexLiterals.requiredRuns("powershell.*-enc")).containsExactly("powershell", "-enc");
        assertThat(RegexLiterals.requiredRuns("abc?d")).containsExactly("ab", "d");
        assertThat(RegexLiterals.requiredRuns("abc*d")).containsExactly("ab", "d");
        assertThat(RegexLiterals.requiredRuns("abc{2,3}d")).containsExactly("ab", "d");
        assertThat(RegexLiterals.requiredRuns("abc+d")).containsExactly("abc", "d");
        assertThat(RegexLiterals.requiredRuns("\\\\windows\\\\temp\\.exe")).containsExactly("\\windows\\temp.exe");
        assertThat(RegexLiterals.requiredRuns("(?i)cmd\\.exe\\s+/c")).containsExactly("cmd.exe", "/c");
        assertThat(RegexLiterals.requiredRuns("^ab(cd|ef)gh[0-9]+ij$")).containsExactly("ab", "gh", "ij");
        assertThat(RegexLiterals.requiredRuns("a[]x]b[^]]c")).containsExactly("a", "b", "c");
        assertThat(RegexLiterals.longestRun("ab(cd)?efgh")).isEqualTo("efgh");
    }

    @Test
    void whatIsNotFullyUnderstoodYieldsNothing() {
        assertThat(RegexLiterals.requiredRuns("abc|def")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("ab[[:alpha:]]cd")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("ab\\x41cd")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("ab\\pLcd")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("\\Qa|b\\E")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("ab(cd")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("ab)cd")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("ab[cd")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("abc\\")).isEmpty();
        assertThat(RegexLiterals.longestRun(".*\\d+")).isEmpty();
        assertThat(RegexLiterals.requiredRuns("é+x")).containsExactly("x");
    }

    @Test
    void minimumLengthCountsWhatEveryMatchHasOutsideGroups() {
        assertThat(RegexLiterals.minLength("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}")).isEqualTo(82);
        assertThat(RegexLiterals.minLength(" [0-7]{7,13}")).isEqualTo(8);
        assertThat(RegexLiterals.minLength("a?b*c+d{2,}")).isEqualTo(3);
        assertThat(RegexLiterals.minLength("(abc)+x")).isEqualTo(1);
        assertThat(RegexLiterals.minLength("^\\bfoo\\b$")).isEqualTo(3);
        assertThat(RegexLiterals.minLength("(?i)ab.c")).isEqualTo(4);
        assertThat(RegexLiterals.minLength("a|b")).isZero();
        assertThat(RegexLiterals.minLength("\\Qabc\\E")).isZero();
    }

    /**
     * Soundness: whenever a regex finds a match, the folded text contains every folded run, and the match has at
     * least the minimum length in code points.
     */
    @Test
    void everyRunIsInEveryTextTheRegexMatches() {
        String atoms = "aAbBkKsS.\\-_";
        String[] pieces = {"a", "b", "k", "S", "\\.", ".", "?", "*", "+", "{2}", "{1,2}", "(a|b)", "[ab]", "\\d", "^",
                "\\s", "-", "(?i)", "(?:k)?", "\u212a", "\u017f", "{0}", "{0,1}", "+?", "\\\\"};
        Random random = new Random(42);
        int checked = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder regex = new StringBuilder();
            for (int k = 1 + random.nextInt(6); k > 0; k--) {
                regex.append(pieces[random.nextInt(pieces.length)]);
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex.toString(), random.nextBoolean() ? Pattern.CASE_INSENSITIVE : 0);
            } catch (RuntimeException invalid) {
                continue;
            }
            List<String> runs = RegexLiterals.requiredRuns(regex.toString());
            int minLength = RegexLiterals.minLength(regex.toString());
            for (int t = 0; t < 30; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = random.nextInt(8); k > 0; k--) {
                    char c = random.nextInt(10) == 0 ? (random.nextBoolean() ? '\u212a' : '\u017f')
                            : random.nextInt(6) == 0 ? (char) ('0' + random.nextInt(3)) : atoms.charAt(random.nextInt(atoms.length()));
                    text.append(c);
                }
                com.google.re2j.Matcher matcher = pattern.matcher(text.toString());
                if (matcher.find()) {
                    checked++;
                    String match = matcher.group();
                    assertThat(match.codePointCount(0, match.length())).as("regex %s, text %s", regex, text)
                            .isGreaterThanOrEqualTo(minLength);
                    String folded = CaseFolding.fold(text.toString());
                    for (String run : runs) {
                        assertThat(folded).as("regex %s, text %s", regex, text).contains(CaseFolding.fold(run));
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }
}
