package io.vigil.sigma;

import static io.vigil.sigma.TestRules.matches;
import static io.vigil.sigma.TestRules.problems;
import static io.vigil.sigma.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decisions of docs/sigma-semantics.md on plain values: case folding, wildcards, null, numbers, keywords. */
class ValueSemanticsTest {

    @Test
    void matchingIsCaseInsensitiveWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            SigmaRule rule = rule("""
                    sel:
                        Image|endswith: '\\WHOAMI.EXE'
                    condition: sel
                    """);
            assertThat(matches(rule, Map.of("Image", "c:\\windows\\system32\\whoami.exe"))).isTrue();
            assertThat(matches(rule, Map.of("Image", "C:\\WINDOWS\\SYSTEM32\\WHOAMI.EXE"))).isTrue();
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void turkishDottedAndDotlessIFoldTogetherWithAsciiI() {
        SigmaRule rule = rule("""
                sel:
                    User: 'ISTANBUL'
                condition: sel
                """);
        assertThat(matches(rule, Map.of("User", "istanbul"))).isTrue();
        assertThat(matches(rule, Map.of("User", "\u0130stanbul"))).as("capital dotted I").isTrue();
        assertThat(matches(rule, Map.of("User", "\u0131stanbul"))).as("small dotless i").isTrue();
    }

    @Test
    void germanSharpSFoldsPerCodePointAndNeverToSs() {
        SigmaRule rule = rule("""
                sel:
                    Street: 'straße'
                condition: sel
                """);
        assertThat(matches(rule, Map.of("Street", "STRA\u1E9EE"))).as("capital sharp s").isTrue();
        assertThat(matches(rule, Map.of("Street", "Straße"))).isTrue();
        assertThat(matches(rule, Map.of("Street", "STRASSE"))).as("no length-changing folding").isFalse();
    }

    @Test
    void wildcardsMatchAnyRunAndExactlyOneCharacter() {
        SigmaRule rule = rule("""
                sel:
                    Image: 'C:\\Users\\\\*\\AppData\\prog?.exe'
                condition: sel
                """);
        // A backslash right before a wildcard escapes it, so a path separator before '*' is written '\\*'.
        SigmaRule escaped = rule("""
                sel:
                    Image: 'C:\\Users\\*\\AppData'
                condition: sel
                """);
        assertThat(matches(escaped, Map.of("Image", "C:\\Users*\\AppData"))).isTrue();
        assertThat(matches(escaped, Map.of("Image", "C:\\Users\\bob\\AppData"))).isFalse();
        assertThat(matches(rule, Map.of("Image", "C:\\Users\\bob\\AppData\\progA.exe"))).isTrue();
        assertThat(matches(rule, Map.of("Image", "C:\\Users\\bob\\x\\AppData\\prog1.exe"))).isTrue();
        assertThat(matches(rule, Map.of("Image", "C:\\Users\\bob\\AppData\\prog.exe"))).isFalse();
        assertThat(matches(rule, Map.of("Image", "C:\\Users\\bob\\AppData\\progAB.exe"))).isFalse();
    }

    @Test
    void escapedWildcardsAndBackslashesFollowTheSpec() {
        SigmaRule literalStar = rule("""
                sel:
                    CommandLine: 'echo \\*'
                condition: sel
                """);
        SigmaRule backslashThenWildcard = rule("""
                sel:
                    Path: 'C:\\\\*'
                condition: sel
                """);
        SigmaRule fourBackslashes = rule("""
                sel:
                    Share: '\\\\\\\\server'
                condition: sel
                """);
        SigmaRule plainBackslash = rule("""
                sel:
                    Image: 'C:\\Windows\\cmd.exe'
                condition: sel
                """);
        assertThat(matches(literalStar, Map.of("CommandLine", "echo *"))).isTrue();
        assertThat(matches(literalStar, Map.of("CommandLine", "echo x"))).isFalse();
        assertThat(matches(backslashThenWildcard, Map.of("Path", "C:\\Temp\\a.exe"))).isTrue();
        assertThat(matches(backslashThenWildcard, Map.of("Path", "C:Temp"))).isFalse();
        assertThat(matches(fourBackslashes, Map.of("Share", "\\\\server"))).isTrue();
        assertThat(matches(plainBackslash, Map.of("Image", "c:\\windows\\cmd.exe"))).isTrue();
    }

    @Test
    void nullMeansAbsentOrNullAndEmptyStringMeansEmpty() {
        SigmaRule isNull = rule("""
                sel:
                    PasswordLastSet: null
                condition: sel
                """);
        SigmaRule isEmpty = rule("""
                sel:
                    PasswordLastSet: ''
                condition: sel
                """);
        Map<String, Object> explicitNull = new HashMap<>();
        explicitNull.put("PasswordLastSet", null);
        assertThat(matches(isNull, Map.of("Other", 1))).isTrue();
        assertThat(matches(isNull, explicitNull)).isTrue();
        assertThat(matches(isNull, Map.of("PasswordLastSet", ""))).isFalse();
        assertThat(matches(isEmpty, Map.of("PasswordLastSet", ""))).isTrue();
        assertThat(matches(isEmpty, Map.of("Other", 1))).isFalse();
        assertThat(matches(isEmpty, explicitNull)).isFalse();
    }

    @Test
    void nullInsideAListIsRejected() {
        assertThat(problems("""
                sel:
                    FieldB:
                        - ''
                        - null
                condition: sel
                """)).extracting(Problem::message).anyMatch(m -> m.startsWith("null cannot be part of a list"));
    }

    @Test
    void numbersEqualNumericEventValuesAndTheirText() {
        SigmaRule rule = rule("""
                sel:
                    EventID: 4688
                    TicketOptions: 0x40810000
                condition: sel
                """);
        assertThat(matches(rule, Map.of("EventID", 4688, "TicketOptions", "0x40810000"))).isTrue();
        assertThat(matches(rule, Map.of("EventID", "4688", "TicketOptions", 0x40810000L))).isTrue();
        assertThat(matches(rule, Map.of("EventID", 4688.0d, "TicketOptions", "0X40810000"))).isTrue();
        assertThat(matches(rule, Map.of("EventID", "4688x", "TicketOptions", "0x40810000"))).isFalse();
    }

    @Test
    void booleansMatchBooleanOrTextEventValues() {
        SigmaRule rule = rule("""
                sel:
                    Enabled: true
                condition: sel
                """);
        assertThat(matches(rule, Map.of("Enabled", true))).isTrue();
        assertThat(matches(rule, Map.of("Enabled", "True"))).isTrue();
        assertThat(matches(rule, Map.of("Enabled", false))).isFalse();
    }

    @Test
    void multiValuedEventFieldsMatchIfAnyElementDoes() {
        SigmaRule rule = rule("""
                sel:
                    Tags|contains: 'admin'
                condition: sel
                """);
        assertThat(matches(rule, Map.of("Tags", List.of("user", "domain-admins")))).isTrue();
        assertThat(matches(rule, Map.of("Tags", List.of("user")))).isFalse();
    }

    @Test
    void theValuesOfOneFieldHoldAsEachWouldAloneWhateverTheirKind() {
        // Equals, prefixes, suffixes and substrings of one field are tested on its text folded once; a wildcard in
        // the middle, a cased value and a list value are tested as they are.
        SigmaRule any = rule("""
                sel:
                    CommandLine:
                        - 'exact value'
                        - 'start*'
                        - '*.end'
                        - '*middle*'
                        - 'a*b*c'
                condition: sel
                """);
        for (String text : List.of("EXACT Value", "Start here", "x.END", "in the MIDDLE of", "a-b-c")) {
            assertThat(matches(any, Map.of("CommandLine", text))).as(text).isTrue();
        }
        for (String text : List.of("exact value!", "restart", ".end x", "midle", "a-c")) {
            assertThat(matches(any, Map.of("CommandLine", text))).as(text).isFalse();
        }
        assertThat(matches(any, Map.of("CommandLine", List.of("x", "START now")))).isTrue();
        assertThat(matches(any, Map.of("CommandLine", 42))).isFalse();

        SigmaRule all = rule("""
                sel:
                    CommandLine|contains|all:
                        - 'one'
                        - 'TWO'
                condition: sel
                """);
        assertThat(matches(all, Map.of("CommandLine", "ONE and two"))).isTrue();
        assertThat(matches(all, Map.of("CommandLine", "one"))).isFalse();
        assertThat(matches(all, Map.of("CommandLine", List.of("one", "two"))))
                .as("each value held by some element").isTrue();
        assertThat(matches(all, Map.of("CommandLine", List.of("one")))).isFalse();

        SigmaRule cased = rule("""
                sel:
                    CommandLine|contains|cased:
                        - 'Foo'
                    Image|endswith: '.EXE'
                condition: sel
                """);
        assertThat(matches(cased, Map.of("CommandLine", "a Foo", "Image", "x.exe"))).isTrue();
        assertThat(matches(cased, Map.of("CommandLine", "a foo", "Image", "x.exe"))).isFalse();
    }

    @Test
    void keywordsSearchEveryScalarOfTheEventAsSubstrings() {
        SigmaRule rule = rule("""
                keywords:
                    - 'event::clear'
                    - 'sekurlsa'
                condition: keywords
                """);
        assertThat(matches(rule, Map.of("a", Map.of("b", List.of("x", "mimikatz # EVENT::Clear"))))).isTrue();
        assertThat(matches(rule, Map.of("msg", "privilege::debug"))).isFalse();
    }

    @Test
    void keywordsWithAllNeedEveryValueSomewhereInTheEvent() {
        SigmaRule rule = rule("""
                keywords:
                    '|all':
                        - 'OabVirtualDirectory'
                        - ' -ExternalUrl '
                condition: keywords
                """);
        assertThat(matches(rule, Map.of("cmd", "Set-OabVirtualDirectory -ExternalUrl x"))).isTrue();
        assertThat(matches(rule, Map.of("cmd", "Set-OabVirtualDirectory", "other", "x -ExternalUrl y"))).isTrue();
        assertThat(matches(rule, Map.of("cmd", "Set-OabVirtualDirectory"))).isFalse();
    }

    @Test
    void aMapIsAndAndAListOfMapsIsOr() {
        SigmaRule and = rule("""
                sel:
                    Image|endswith: '\\net.exe'
                    CommandLine|contains: 'user'
                condition: sel
                """);
        SigmaRule or = rule("""
                sel:
                    - Image|endswith: '\\net.exe'
                    - CommandLine|contains: 'user'
                condition: sel
                """);
        Map<String, Object> onlyImage = Map.of("Image", "C:\\net.exe", "CommandLine", "view");
        assertThat(matches(and, onlyImage)).isFalse();
        assertThat(matches(or, onlyImage)).isTrue();
    }
}
