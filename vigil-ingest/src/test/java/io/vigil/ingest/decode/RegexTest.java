package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void derivesRequiredLiterals() {
        assertThat(Regex.requiredLiterals("%(?:ASA|FTD|PIX|FWSM)-\\d-\\d{6}")).isDeepEqualTo(new String[][] {{"%"}});
        assertThat(Regex.requiredLiterals("^30201[3-6]$|^30202[01]$|^302018$"))
                .isDeepEqualTo(new String[][] {{"30201"}, {"30202"}, {"302018"}});
        assertThat(Regex.requiredLiterals("(?:^|\\s)date=\\d{4}-\\d\\d-\\d\\d time=.*\\b(?:logid|log_id)="))
                .isDeepEqualTo(new String[][] {{"date=", " time="}});
        assertThat(Regex.requiredLiterals("access-group \\\"(?P<rule>[^\\\"]+)\\\"")).isDeepEqualTo(new String[][] {{"access-group \""}});
        assertThat(Regex.requiredLiterals("abc*d")).isDeepEqualTo(new String[][] {{"ab"}});
        assertThat(Regex.requiredLiterals("abc+d")).isDeepEqualTo(new String[][] {{"abc"}});
        assertThat(Regex.requiredLiterals("xy{0,2}z")).isDeepEqualTo(new String[][] {{"x"}});
        assertThat(Regex.requiredLiterals("xy{2}z")).isDeepEqualTo(new String[][] {{"xy"}});
        assertThat(Regex.requiredLiterals("a[]b]c")).isDeepEqualTo(new String[][] {{"a"}});
    }

    @Test
    void readsNothingItCannotFollow() {
        assertThat(Regex.requiredLiterals("(?i)denied")).isNull();
        assertThat(Regex.requiredLiterals("\\pLabc")).isNull();
        assertThat(Regex.requiredLiterals("\\x{41}bc")).isNull();
        assertThat(Regex.requiredLiterals("\\Qa.b\\E")).isNull();
        assertThat(Regex.requiredLiterals("foo|.*")).isNull();
        assertThat(Regex.requiredLiterals("(?P<a>x)")).isNull();
        assertThat(Regex.requiredLiterals(".")).isNull();
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
        List<String[]> inputs = new ArrayList<>();
        Path shared = DecoderFixturesTest.sharedData();
        for (String file : DecoderFixturesTest.fixtureFiles()) {
            JsonNode doc = DecoderFixturesTest.fixture(file);
            for (JsonNode c : doc.path("cases")) {
                String raw = c.has("raw") ? c.get("raw").asText() : JSON.writeValueAsString(c.get("json"));
                inputs.add(new String[] {c.path("codec").asText("syslog"), raw});
            }
            if (shared != null) {
                for (JsonNode sample : doc.path("samples")) {
                    List<byte[]> raws = DecoderFixturesTest.read(shared, sample);
                    for (byte[] raw : raws.subList(0, Math.min(raws.size(), 200))) {
                        inputs.add(new String[] {sample.path("codec").asText("syslog"), new String(raw, StandardCharsets.UTF_8)});
                    }
                }
            }
        }
        for (String[] input : inputs) {
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
