package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.tenant.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LiteralScanner} finds exactly the strings {@link String#contains} finds, and {@link FamilyClaims} picks the
 * same family as asking every family's {@link VendorFamily#claims} in order, for the shipped content over every
 * fixture and sample, and over text made of the content's own literals (where pre-filters pass and patterns must
 * decide).
 */
class FamilyClaimsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void scannerFindsWhatContainsFinds() {
        List<String> literals = List.of("ab", "abc", "bc", "b", "cab", "é", "aé", "zz", "abcabc", "", "x".repeat(70));
        LiteralScanner scanner = new LiteralScanner(literals);
        Random random = new Random(7);
        String alphabet = "abcé z";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (round % 1000 == 0) {
                text.append("x".repeat(70));
            }
            long[] seen = scanner.scan(text.toString());
            for (int i = 0; i < literals.size(); i++) {
                assertThat(LiteralScanner.contains(seen, i)).as("'%s' in '%s'", literals.get(i), text)
                        .isEqualTo(text.toString().contains(literals.get(i)));
            }
        }
    }

    @Test
    void scannerHandlesMoreThanSixtyFourStrings() {
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            literals.add("k" + i + "=");
        }
        LiteralScanner scanner = new LiteralScanner(literals);
        long[] seen = scanner.scan("a k7= b k149= c k64=");
        for (int i = 0; i < literals.size(); i++) {
            assertThat(LiteralScanner.contains(seen, i)).as(literals.get(i)).isEqualTo(i == 7 || i == 149 || i == 64);
        }
    }

    @Test
    void claimsTheSameFamilyAsAskingEachFamilyInOrder() throws IOException {
        DecoderDefinitions definitions = DecoderDefinitions.fromClasspath(DecoderFixturesTest.loader());
        Decoders decoders = Decoders.standard(DecoderLimits.DEFAULTS, definitions);
        List<Map<String, Object>> events = new ArrayList<>();
        for (String[] input : inputs()) {
            decoders.forCodec(input[0]).ifPresent(d -> {
                if (d.decode(new RawEvent(TenantId.random(), new SourceRef("test", "test", input[0]),
                        DecoderFixturesTest.RECEIVED, input[1].getBytes(StandardCharsets.UTF_8))) instanceof DecodeResult.Decoded decoded) {
                    events.addAll(decoded.events());
                }
            });
            events.add(Map.of("message", input[1]));
        }
        // Text assembled from the literals the families' claims need: the pre-filters pass, the patterns decide.
        List<String> literals = new ArrayList<>();
        for (VendorFamily family : definitions.families()) {
            family.match().values().forEach(regex -> {
                if (regex.literals() != null) {
                    regex.literals().alternatives().forEach(all -> all.forEach(literals::addAll));
                }
            });
        }
        Random random = new Random(11);
        String[] apps = {"sshd", "sudo", "su", "filterlog", "login(pam_unix)", "kernel"};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "" : "123,");
            for (int i = random.nextInt(6); i >= 0; i--) {
                text.append(literals.get(random.nextInt(literals.size()))).append(random.nextBoolean() ? " " : "1");
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("message", text.toString());
            if (random.nextBoolean()) {
                event.put("syslog.appname", apps[random.nextInt(apps.length)]);
            }
            if (random.nextInt(4) == 0) {
                event.put("syslog.msgid", random.nextBoolean() ? "RT_FLOW_SESSION_CREATE" : "APPTRACK_SESSION_CLOSE");
                event.put("source-address", random.nextBoolean() ? "10.0.0.1" : Map.of());
            }
            events.add(event);
        }
        int claimed = 0;
        for (Map<String, Object> event : events) {
            VendorFamily expected = null;
            for (VendorFamily family : definitions.families()) {
                if (family.claims(event)) {
                    expected = family;
                    break;
                }
            }
            assertThat(definitions.claims().first(event)).as("%s", event).isSameAs(expected);
            claimed += expected == null ? 0 : 1;
        }
        assertThat(claimed).as("events some family claims").isGreaterThan(200);
    }

    /** {@code [codec, raw]} of every fixture case and of up to 200 lines of each shared sample. */
    static List<String[]> inputs() throws IOException {
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
        return inputs;
    }
}
