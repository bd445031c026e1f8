package io.vigil.sigma;

import static io.vigil.sigma.TestRules.matches;
import static io.vigil.sigma.TestRules.problems;
import static io.vigil.sigma.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One behaviour per modifier of the Sigma modifiers appendix v2.1.0. */
class ModifierConformanceTest {

    @Test
    void containsStartswithEndswithAnchorTheValue() {
        SigmaRule contains = rule("""
                sel:
                    CommandLine|contains: 'whoami'
                condition: sel
                """);
        SigmaRule startswith = rule("""
                sel:
                    CommandLine|startswith: 'cmd'
                condition: sel
                """);
        SigmaRule endswith = rule("""
                sel:
                    Image|endswith: '\\whoami.exe'
                condition: sel
                """);
        assertThat(matches(contains, Map.of("CommandLine", "cmd /c WHOAMI /all"))).isTrue();
        assertThat(matches(contains, Map.of("CommandLine", "cmd /c who ami"))).isFalse();
        assertThat(matches(startswith, Map.of("CommandLine", "CMD.exe /c"))).isTrue();
        assertThat(matches(startswith, Map.of("CommandLine", "x cmd"))).isFalse();
        assertThat(matches(endswith, Map.of("Image", "C:\\Windows\\System32\\whoami.exe"))).isTrue();
        assertThat(matches(endswith, Map.of("Image", "C:\\Windows\\System32\\whoami.exe.bak"))).isFalse();
    }

    @Test
    void allRequiresEveryValueWhileAListAloneNeedsOne() {
        SigmaRule all = rule("""
                sel:
                    CommandLine|contains|all:
                        - 'net'
                        - 'user'
                condition: sel
                """);
        SigmaRule any = rule("""
                sel:
                    CommandLine|contains:
                        - 'net'
                        - 'user'
                condition: sel
                """);
        assertThat(matches(all, Map.of("CommandLine", "net user admin"))).isTrue();
        assertThat(matches(all, Map.of("CommandLine", "net view"))).isFalse();
        assertThat(matches(any, Map.of("CommandLine", "net view"))).isTrue();
    }

    @Test
    void allOnASingleValueIsRejectedAsTheSpecForbidsIt() {
        assertThat(problems("""
                sel:
                    CommandLine|contains|all: 'net'
                condition: sel
                """)).extracting(Problem::message).anyMatch(m -> m.contains("'all' needs a list"));
    }

    @Test
    void existsChecksPresenceEvenForNullAndEmptyValues() {
        SigmaRule present = rule("""
                sel:
                    PasswordLastSet|exists: true
                condition: sel
                """);
        SigmaRule absent = rule("""
                sel:
                    PasswordLastSet|exists: false
                condition: sel
                """);
        java.util.HashMap<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("PasswordLastSet", null);
        assertThat(matches(present, withNull)).isTrue();
        assertThat(matches(present, Map.of("PasswordLastSet", ""))).isTrue();
        assertThat(matches(present, Map.of("Other", "x"))).isFalse();
        assertThat(matches(absent, Map.of("Other", "x"))).isTrue();
        assertThat(problems("""
                sel:
                    PasswordLastSet|exists: 'yes please'
                condition: sel
                """)).extracting(Problem::message).anyMatch(m -> m.contains("'exists' stands alone"));
    }

    @Test
    void casedMatchesCaseSensitively() {
        SigmaRule cased = rule("""
                sel:
                    Image|cased|endswith: '\\PsExec.exe'
                condition: sel
                """);
        assertThat(matches(cased, Map.of("Image", "C:\\Tools\\PsExec.exe"))).isTrue();
        assertThat(matches(cased, Map.of("Image", "C:\\Tools\\psexec.exe"))).isFalse();
    }

    @Test
    void neqMatchesPresentValuesDifferentFromEveryListedValue() {
        SigmaRule neq = rule("""
                sel:
                    LogonType|neq:
                        - 3
                        - 10
                condition: sel
                """);
        assertThat(matches(neq, Map.of("LogonType", 2))).isTrue();
        assertThat(matches(neq, Map.of("LogonType", "10"))).isFalse();
        assertThat(matches(neq, Map.of("LogonType", 3))).isFalse();
        assertThat(matches(neq, Map.of("Other", 3))).as("absent field is not 'different'").isFalse();
    }

    @Test
    void windashMatchesEveryDashVariant() {
        SigmaRule windash = rule("""
                sel:
                    CommandLine|contains|windash: ' -enc '
                condition: sel
                """);
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertThat(matches(windash, Map.of("CommandLine", "powershell " + dash + "enc AAAA"))).as(dash).isTrue();
        }
        assertThat(matches(windash, Map.of("CommandLine", "powershell +enc AAAA"))).isFalse();
        assertThat(Encodings.windash("-a-", 100)).hasSize(25);
    }

    @Test
    void reIsCaseSensitiveUnlessIAndSupportsMultilineAndDotall() {
        SigmaRule re = rule("""
                sel:
                    CommandLine|re: '^cmd\\.exe /c [a-z]+$'
                condition: sel
                """);
        SigmaRule insensitive = rule("""
                sel:
                    CommandLine|re|i: '^cmd\\.exe'
                condition: sel
                """);
        SigmaRule multiline = rule("""
                sel:
                    ScriptBlockText|re|m: '^Invoke-Mimikatz$'
                condition: sel
                """);
        SigmaRule dotall = rule("""
                sel:
                    ScriptBlockText|re|s: 'begin.+end'
                condition: sel
                """);
        assertThat(matches(re, Map.of("CommandLine", "cmd.exe /c whoami"))).isTrue();
        assertThat(matches(re, Map.of("CommandLine", "CMD.exe /c whoami"))).isFalse();
        assertThat(matches(insensitive, Map.of("CommandLine", "CMD.EXE /c"))).isTrue();
        assertThat(matches(multiline, Map.of("ScriptBlockText", "$a = 1\nInvoke-Mimikatz\n$b"))).isTrue();
        assertThat(matches(dotall, Map.of("ScriptBlockText", "begin\nmiddle\nend"))).isTrue();
        assertThat(matches(re, Map.of("ScriptBlockText", "begin\nmiddle\nend"))).isFalse();
    }

    @Test
    void reRejectsLookaroundThatRe2CannotRunInLinearTime() {
        assertThat(problems("""
                sel:
                    CommandLine|re: 'foo(?!bar)'
                condition: sel
                """)).singleElement().satisfies(p -> {
                    assertThat(p.location()).isEqualTo("detection.sel.CommandLine|re");
                    assertThat(p.message()).contains("RE2 syntax");
                });
    }

    @Test
    void catastrophicBacktrackingRegexCompletesOnALongInput() {
        SigmaRule hostile = rule("""
                sel:
                    CommandLine|re: '(a+)+$'
                condition: sel
                """);
        String evil = "a".repeat(100_000) + "!";
        // RE2 is linear: this returns; a backtracking engine would not finish in the lifetime of the build.
        assertThat(matches(hostile, Map.of("CommandLine", evil))).isFalse();
        assertThat(matches(hostile, Map.of("CommandLine", "aaaa"))).isTrue();
    }

    @Test
    void base64EncodesTheWholeValue() {
        SigmaRule base64 = rule("""
                sel:
                    CommandLine|base64|contains: 'IEX (New-Object'
                condition: sel
                """);
        String encoded = Base64.getEncoder().encodeToString("IEX (New-Object".getBytes(StandardCharsets.UTF_8));
        assertThat(matches(base64, Map.of("CommandLine", "powershell -e " + encoded + "..."))).isTrue();
    }

    @Test
    void base64offsetProducesThePySigmaVariants() {
        assertThat(Encodings.base64Offsets("foobar".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("Zm9vYmFy", "Zvb2Jhc", "mb29iYX");
        SigmaRule offset = rule("""
                sel:
                    CommandLine|base64offset|contains: 'http://'
                condition: sel
                """);
        for (String prefix : List.of("", "a", "ab")) {
            String encoded = Base64.getEncoder().encodeToString((prefix + "http://evil.example/x")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(matches(offset, Map.of("CommandLine", "-enc " + encoded))).as(prefix).isTrue();
        }
    }

    @Test
    void utf16EncodingsCombineWithBase64() {
        SigmaRule wide = rule("""
                sel:
                    CommandLine|wide|base64offset|contains: 'Invoke-Expression'
                condition: sel
                """);
        SigmaRule utf16be = rule("""
                sel:
                    Payload|utf16be|base64: 'cmd'
                condition: sel
                """);
        SigmaRule utf16 = rule("""
                sel:
                    Payload|utf16|base64: 'cmd'
                condition: sel
                """);
        String powershellEnc = Base64.getEncoder().encodeToString(
                "x; Invoke-Expression $a".getBytes(StandardCharsets.UTF_16LE));
        assertThat(matches(wide, Map.of("CommandLine", "powershell -enc " + powershellEnc))).isTrue();
        assertThat(matches(utf16be, Map.of("Payload", "AGMAbQBk"))).isTrue();
        assertThat(matches(utf16, Map.of("Payload", "//5jAG0AZAA="))).isTrue();
        assertThat(problems("""
                sel:
                    Payload|utf16le: 'cmd'
                condition: sel
                """)).extracting(Problem::message).anyMatch(m -> m.contains("must be followed by base64"));
    }

    @Test
    void cidrMatchesIpv4AndIpv6RangesAndNeverResolvesNames() {
        SigmaRule cidr = rule("""
                sel:
                    DestinationIp|cidr:
                        - '10.0.0.0/8'
                        - '192.168.1.0/25'
                        - 'fe80::/10'
                condition: sel
                """);
        assertThat(matches(cidr, Map.of("DestinationIp", "10.200.3.4"))).isTrue();
        assertThat(matches(cidr, Map.of("DestinationIp", "192.168.1.127"))).isTrue();
        assertThat(matches(cidr, Map.of("DestinationIp", "192.168.1.128"))).isFalse();
        assertThat(matches(cidr, Map.of("DestinationIp", "fe80::1:2"))).isTrue();
        assertThat(matches(cidr, Map.of("DestinationIp", "2001:db8::1"))).isFalse();
        assertThat(matches(cidr, Map.of("DestinationIp", "localhost"))).isFalse();
        assertThat(matches(cidr, Map.of("DestinationIp", "10.evil.example"))).isFalse();
        assertThat(problems("""
                sel:
                    DestinationIp|cidr: 'intranet.example/8'
                condition: sel
                """)).extracting(Problem::message).anyMatch(m -> m.contains("not an IPv4 or IPv6 CIDR"));
    }

    @Test
    void numericComparisonsAcceptNumbersAndNumericStrings() {
        SigmaRule gt = rule("""
                sel:
                    Size|gt: 1000
                condition: sel
                """);
        SigmaRule lte = rule("""
                sel:
                    Size|lte: 10.5
                condition: sel
                """);
        assertThat(matches(gt, Map.of("Size", 1001))).isTrue();
        assertThat(matches(gt, Map.of("Size", "2000"))).isTrue();
        assertThat(matches(gt, Map.of("Size", 1000L))).isFalse();
        assertThat(matches(gt, Map.of("Size", "0x5000"))).as("hex strings are text, not numbers").isFalse();
        assertThat(matches(lte, Map.of("Size", 10.5d))).isTrue();
        assertThat(matches(lte, Map.of("Size", 11))).isFalse();
        assertThat(problems("""
                sel:
                    Size|gte: 'large'
                condition: sel
                """)).extracting(Problem::message).anyMatch(m -> m.contains("numeric modifiers need numbers"));
    }

    @Test
    void datePartsCompareTheExtractedNumber() {
        SigmaRule night = rule("""
                sel:
                    UtcTime|hour|lt: 6
                condition: sel
                """);
        SigmaRule april = rule("""
                sel:
                    UtcTime|month: 4
                condition: sel
                """);
        assertThat(matches(night, Map.of("UtcTime", "2026-04-20 03:00:35.640"))).isTrue();
        assertThat(matches(night, Map.of("UtcTime", "2026-04-20T10:00:35Z"))).isFalse();
        assertThat(matches(april, Map.of("UtcTime", "2026-04-20T10:00:35.1+02:00"))).isTrue();
        assertThat(matches(april, Map.of("UtcTime", "not a date"))).isFalse();
    }

    @Test
    void fieldrefComparesTwoFieldsOfTheEvent() {
        SigmaRule same = rule("""
                sel:
                    TargetUserName|fieldref: SubjectUserName
                condition: sel
                """);
        SigmaRule different = rule("""
                sel:
                    TargetUserName|fieldref|neq: SubjectUserName
                condition: sel
                """);
        assertThat(matches(same, Map.of("TargetUserName", "Admin", "SubjectUserName", "admin"))).isTrue();
        assertThat(matches(same, Map.of("TargetUserName", "Admin", "SubjectUserName", "guest"))).isFalse();
        assertThat(matches(same, Map.of("TargetUserName", "Admin"))).isFalse();
        assertThat(matches(different, Map.of("TargetUserName", "Admin", "SubjectUserName", "guest"))).isTrue();
    }

    @Test
    void expandResolvesPlaceholdersAtCompileTime() {
        SigmaOptions options = SigmaOptions.DEFAULTS.withPlaceholders(
                Map.of("Workstations", List.of("WS-*", "LAPTOP-0?"), "Domain", List.of("corp")));
        SigmaRule expand = rule("""
                sel:
                    ComputerName|expand: '%Workstations%'
                pct:
                    CommandLine|contains|expand: '\\%Domain%=%Domain%'
                condition: sel or pct
                """, options);
        assertThat(matches(expand, Map.of("ComputerName", "ws-0042"))).isTrue();
        assertThat(matches(expand, Map.of("ComputerName", "LAPTOP-07"))).isTrue();
        assertThat(matches(expand, Map.of("ComputerName", "SRV-01"))).isFalse();
        assertThat(matches(expand, Map.of("CommandLine", "set %Domain%=corp"))).isTrue();
        assertThat(problems("""
                sel:
                    ComputerName|expand: '%Workstations%'
                condition: sel
                """)).singleElement().satisfies(p -> {
                    assertThat(p.location()).isEqualTo("detection.sel.ComputerName|expand");
                    assertThat(p.message()).startsWith("unresolved placeholder %Workstations%");
                });
    }

    @Test
    void placeholderWithoutExpandIsALiteralValue() {
        SigmaRule literal = rule("""
                sel:
                    CommandLine|contains: '%COMSPEC%'
                condition: sel
                """);
        assertThat(matches(literal, Map.of("CommandLine", "%comspec% /c echo"))).isTrue();
    }

    @Test
    void unknownModifiersAreRejectedWithTheirLocation() {
        assertThat(problems("""
                sel:
                    CommandLine|contians: 'x'
                condition: sel
                """)).singleElement().satisfies(p -> {
                    assertThat(p.location()).isEqualTo("detection.sel.CommandLine|contians");
                    assertThat(p.line()).hasValue(16);
                    assertThat(p.message()).isEqualTo("unknown modifier 'contians'");
                });
    }
}
