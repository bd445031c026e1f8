package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.CaseFolding;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaRules;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NecessaryLiteralsTest {

    @Test
    void exactValueIsFoldedAndContainsBecomesALiteral() {
        assertThat(necessary("""
                sel:
                    OriginalFileName: 'PowerShell.EXE'
                    CommandLine|contains: '-Enc'
                condition: sel""")).isEqualTo(Necessary.of(new Atom.FieldEquals("OriginalFileName", "powershell.exe")));
    }

    @Test
    void andKeepsTheMostSelectiveOperand() {
        assertThat(necessary("""
                a:
                    CommandLine|contains: 'x'
                b:
                    Image|endswith: '\\\\rundll32.exe'
                condition: a and b""")).isEqualTo(Necessary.of(new Atom.FieldContains("Image", "\\rundll32.exe")));
    }

    @Test
    void twoLongLiteralsAreMoreSelectiveThanOneShortOne() {
        // '.exe' ends nearly every image name; either of two ten-character names is far rarer.
        assertThat(necessary("""
                sel:
                    Image|contains:
                        - '\\EDR-Freeze'
                        - '\\EDRFreeze'
                    Image|endswith: '.exe'
                condition: sel""")).isEqualTo(new Necessary.OneOf(java.util.Set.of(
                new Atom.FieldContains("Image", "\\edr-freeze"), new Atom.FieldContains("Image", "\\edrfreeze"))));
        // An exact value still wins over a long literal.
        assertThat(necessary("""
                sel:
                    CallTrace|contains: 'C:\\Windows\\SYSTEM32\\ntdll.dll+'
                    GrantedAccess: '0x1028'
                condition: sel""")).isEqualTo(Necessary.of(new Atom.FieldEquals("GrantedAccess", "0x1028")));
    }

    @Test
    void orIsTheUnionAndNothingIfOneSideNeedsNothing() {
        assertThat(necessary("""
                a:
                    Image|endswith: '\\\\a.exe'
                b:
                    Image|startswith: 'C:\\\\B'
                condition: a or b""")).isEqualTo(new Necessary.OneOf(java.util.Set.of(
                new Atom.FieldContains("Image", "\\a.exe"), new Atom.FieldContains("Image", "c:\\b"))));
        assertThat(necessary("""
                a:
                    Image|endswith: '\\\\a.exe'
                b:
                    CommandLine|re: '.*\\d+'
                condition: a or b""")).isEqualTo(Necessary.ANYTHING);
    }

    @Test
    void nothingIsNecessaryUnderNot() {
        assertThat(necessary("""
                a:
                    Image|endswith: '\\\\a.exe'
                condition: not a""")).isEqualTo(Necessary.ANYTHING);
        assertThat(necessary("""
                a:
                    Image|endswith: '\\\\a.exe'
                f:
                    User: 'system'
                condition: a and not f""")).isEqualTo(Necessary.of(new Atom.FieldContains("Image", "\\a.exe")));
    }

    @Test
    void quantifiersUnionOrPick() {
        String searches = """
                sel_a:
                    Image|endswith: '\\\\a.exe'
                sel_b:
                    Hashes|contains: 'MD5=ABC'
                """;
        assertThat(necessary(searches + "condition: 1 of sel_*")).isEqualTo(new Necessary.OneOf(java.util.Set.of(
                new Atom.FieldContains("Image", "\\a.exe"), new Atom.FieldContains("Hashes", "md5=abc"))));
        assertThat(necessary(searches + "condition: all of sel_*"))
                .isEqualTo(Necessary.of(new Atom.FieldContains("Hashes", "md5=abc")));
    }

    @Test
    void rulesWithoutALiteralNeedNothing() {
        assertThat(necessary("sel:\n    Image|exists: true\ncondition: sel")).isEqualTo(Necessary.ANYTHING);
        assertThat(necessary("sel:\n    EventID|gt: 4\ncondition: sel")).isEqualTo(Necessary.ANYTHING);
        assertThat(necessary("sel:\n    Image|neq: 'a'\ncondition: sel")).isEqualTo(Necessary.ANYTHING);
        assertThat(necessary("sel:\n    Image|fieldref: ParentImage\ncondition: sel")).isEqualTo(Necessary.ANYTHING);
        assertThat(necessary("sel:\n    Image: null\ncondition: sel")).isEqualTo(Necessary.ANYTHING);
        assertThat(necessary("sel:\n    Image|contains: ''\ncondition: sel")).isEqualTo(Necessary.ANYTHING);
        assertThat(necessary("sel:\n    Image: '*'\ncondition: sel")).isEqualTo(Necessary.ANYTHING);
    }

    @Test
    void globKeepsItsLongestLiteralRunAndKeywordsSearchEveryValue() {
        assertThat(necessary("sel:\n    CommandLine: '*ab*cdef?g*'\ncondition: sel"))
                .isEqualTo(Necessary.of(new Atom.FieldContains("CommandLine", "cdef")));
        assertThat(necessary("sel:\n    - 'Mimikatz'\ncondition: sel"))
                .isEqualTo(Necessary.of(new Atom.KeywordContains("mimikatz")));
    }

    @Test
    void regularExpressionsKeepTheirLongestRequiredLiteral() {
        assertThat(necessary("sel:\n    CommandLine|re: '(?i)Invoke-(Web|Rest)Request.*-OutFile'\ncondition: sel"))
                .isEqualTo(Necessary.of(new Atom.FieldContains("CommandLine", "-outfile")));
        assertThat(necessary("sel:\n    - '|re': 'mimi.?katz'\ncondition: sel"))
                .isEqualTo(Necessary.of(new Atom.KeywordContains("mimi")));
        assertThat(necessary("sel:\n    CommandLine|re: 'a|b'\ncondition: sel")).isEqualTo(Necessary.ANYTHING);
    }

    @Test
    void numbersAreIndexedAsNumberAndAsText() {
        assertThat(necessary("sel:\n    EventID: 4688\ncondition: sel")).isEqualTo(new Necessary.OneOf(java.util.Set.of(
                new Atom.FieldNumber("EventID", new BigDecimal("4688")), new Atom.FieldEquals("EventID", "4688"))));
    }

    @Test
    void foldingIsIdempotentSoFoldedValuesFindFoldedNeedles() {
        // The index folds rule values that the compiler already folded, and event text once: this needs fold∘fold = fold.
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            int folded = CaseFolding.fold(codePoint);
            if (CaseFolding.fold(folded) != folded) {
                throw new AssertionError("fold is not idempotent at U+" + Integer.toHexString(codePoint));
            }
        }
    }

    private static Necessary necessary(String detection) {
        String yaml = """
                title: t
                logsource:
                    product: windows
                detection:
                """ + detection.lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
        RuleLoad load = SigmaRules.parse(yaml, "test.yml");
        assertThat(load).isInstanceOf(RuleLoad.Loaded.class);
        return NecessaryLiterals.of(((RuleLoad.Loaded) load).rule().detection());
    }
}
