package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The literal pre-filter of {@link Regex}: what it derives from patterns, and that it never rejects text the
 * pattern finds a match in (checked for every pattern of the shipped content against every fixture input and
 * shared sample line, and the values decoded from them).
 */
class RegexTest {

    @Test
    void derivesRequiredLiterals() {
        assertThat(literals("%(?:ASA|FTD|PIX|FWSM)-\\d-\\d{6}")).isEqualTo(List.of(List.of(List.of("ASA", "FTD", "PIX", "FWSM"))));
        assertThat(literals("^30201[3-6]$|^30202[01]$|^302018$"))
                .isEqualTo(List.of(List.of(List.of("30201")), List.of(List.of("30202")), List.of(List.of("302018"))));
        assertThat(literals("(?:^|\\s)date=\\d{4}-\\d\\d-\\d\\d time=.*\\b(?:logid|log_id)="))
                .isEqualTo(List.of(List.of(List.of("date="), List.of(" time="), List.of("logid", "log_id"))));
        assertThat(literals("access-group \\\"(?P<rule>[^\\\"]+)\\\"")).isEqualTo(List.of(List.of(List.of("access-group \""))));
        assertThat(literals("abc*d")).isEqualTo(List.of(List.of(List.of("ab"))));
        assertThat(literals("abc+d")).isEqualTo(List.of(List.of(List.of("abc"))));
        assertThat(literals("xy{0,2}z")).isEqualTo(List.of(List.of(List.of("x"))));
        assertThat(literals("xy{2}z")).isEqualTo(List.of(List.of(List.of("xy"))));
        assertThat(literals("a[]b]c")).isEqualTo(List.of(List.of(List.of("a"))));
        assertThat(literals("a(?:bc|de)?f")).isEqualTo(List.of(List.of(List.of("a"))));
        assertThat(Regex.requiredLiterals("(?i)\\b(built|permitted)\\b").ignoreCase()).isTrue();
        assertThat(literals("(?i)\\b(built|permitted)\\b")).isEqualTo(List.of(List.of(List.of("built", "permitted"))));
    }

    private static List<List<List<String>>> literals(String regex) {
        return Regex.requiredLiterals(regex).alternatives();
    }

    @Test
    void ignoresCaseOnlyInAsciiText() {
        Regex r = new Regex(Pattern.compile("(?i)(denied|dropped)"));
        assertThat(r.mayFind("Connection DENIED by rule")).isTrue();
        assertThat(r.mayFind("Connection accepted")).isFalse();
        assertThat(r.mayFind("Connection accepted \u00e9")).isTrue();
        // U+017F (long s) folds to 's' in RE2/J: non-ASCII text is never filtered
        assertThat(Pattern.compile("(?i)(sent|seen)").matcher("\u017Fent").find()).isTrue();
        assertThat(new Regex(Pattern.compile("(?i)(sent|seen)")).mayFind("\u017Fent")).isTrue();
    }

    @Test
    void readsNothingItCannotFollow() {
        assertThat(Regex.requiredLiterals("(?s)denied")).isNull();
        assertThat(Regex.requiredLiterals("(?i:denied)")).isNull();
        assertThat(Regex.requiredLiterals("(?i)d\u00e9nied")).isNull();
        assertThat(Regex.requiredLiterals("\\pLabc")).isNull();
        assertThat(Regex.requiredLiterals("\\x{41}bc")).isNull();
        assertThat(Regex.requiredLiterals("\\Qa.b\\E")).isNull();
        assertThat(Regex.requiredLiterals("foo|.*")).isNull();
        assertThat(Regex.requiredLiterals("(?P<a>x)")).isNull();
        assertThat(Regex.requiredLiterals(".")).isNull();
    }

    @Test
    void findsAnAnchoredPlainPatternByEquality() {
        assertThat(Regex.exact("^filterlog$")).isEqualTo("filterlog");
        assertThat(Regex.exact("^sshd?$")).isNull();
        assertThat(Regex.exact("^a.b$")).isNull();
        assertThat(Regex.exact("^ab")).isNull();
        assertThat(Regex.exact("(?m)^ab$")).isNull();
        for (String pattern : new String[] {"^filterlog$", "^su$", "^RT_FLOW$"}) {
            Regex r = new Regex(Pattern.compile(pattern));
            for (String text : new String[] {"filterlog", "su", "RT_FLOW", "filterlog\n", "xfilterlog", "su ", "", "SU",
                "\nsu", "rt_flow"}) {
                assertThat(r.find(text)).as("%s in %s", pattern, text).isEqualTo(r.pattern().matcher(text).find());
                assertThat(r.findPrefiltered(text)).isEqualTo(r.pattern().matcher(text).find());
            }
        }
    }

    @Test
    void filtersOnlyTextThatCannotMatch() {
        Regex r = new Regex(Pattern.compile("from (?P<ip>\\S+) port (?P<port>\\d+)"));
        assertThat(r.mayFind("Failed password for x from 1.2.3.4 port 22")).isTrue();
        assertThat(r.first("Failed password for x from 1.2.3.4 port 22").group("port")).isEqualTo("22");
        assertThat(r.mayFind("Accepted publickey for x from 1.2.3.4")).isFalse();
        assertThat(r.find("Accepted publickey for x from 1.2.3.4")).isFalse();
    }

    @Test
    void neverRejectsAMatchOfShippedContent() throws IOException {
        DecoderDefinitions definitions = DecoderDefinitions.fromClasspath(DecoderFixturesTest.loader());
        List<Regex> all = new ArrayList<>();
        for (VendorFamily f : definitions.families()) {
            all.addAll(f.match().values());
            if (f.header() != null) {
                all.add(f.header());
            }
            for (VendorFamily.MessagePattern p : f.patterns()) {
                all.addAll(p.when().values());
                if (p.pattern() != null) {
                    all.add(p.pattern());
                }
            }
        }
        Set<String> texts = new LinkedHashSet<>();
        Decoders decoders = Decoders.standard(DecoderLimits.DEFAULTS, definitions);
        for (String[] input : FamilyClaimsTest.inputs()) {
            texts.add(input[1]);
            decoders.forCodec(input[0]).ifPresent(d -> {
                var result = d.decode(new io.vigil.core.event.RawEvent(io.vigil.core.tenant.TenantId.random(),
                        new io.vigil.core.event.SourceRef("test", "test", input[0]), DecoderFixturesTest.RECEIVED,
                        input[1].getBytes(StandardCharsets.UTF_8)));
                if (result instanceof io.vigil.core.pipeline.DecodeResult.Decoded decoded) {
                    decoded.events().forEach(e -> strings(e, texts));
                }
            });
        }
        assertThat(texts).hasSizeGreaterThan(500);
        List<String> wrong = new ArrayList<>();
        for (String text : texts) {
            for (Regex r : all) {
                if (!r.mayFind(text) && r.pattern().matcher(text).find()) {
                    wrong.add(r + " finds a match in " + text);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static void strings(Map<?, ?> map, Set<String> out) {
        map.values().forEach(v -> {
            if (v instanceof Map<?, ?> m) {
                strings(m, out);
            } else if (v != null) {
                out.add(String.valueOf(v));
            }
        });
    }
}
