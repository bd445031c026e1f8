package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextDecoderLimitsTest {

    private final Decoders decoders = Decoders.standard(new DecoderLimits(4, 20, 200, 1024),
            DecoderDefinitions.fromClasspath(getClass().getClassLoader()));

    private DecodeResult decode(String codec, String text) {
        return decoders.forCodec(codec).orElseThrow().decode(new RawEvent(TenantId.random(),
                new SourceRef("test", "test", codec), Instant.parse("2026-11-01T12:00:00Z"), text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsEventLargerThanLimitBeforeParsing() {
        assertThat(decode("syslog", "x".repeat(1025)))
                .isEqualTo(new DecodeResult.Failed("event of 1025 bytes is larger than 1024"));
    }

    @Test
    void rejectsTooManyFields() {
        StringBuilder kv = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            kv.append('k').append(i).append("=v ");
        }
        assertThat(decode("kv", kv.toString())).isEqualTo(new DecodeResult.Failed("event has more than 20 values"));
    }

    @Test
    void rejectsValueLongerThanLimit() {
        assertThat(decode("cef", "CEF:0|V|P|1|1|n|5|msg=" + "y".repeat(250)))
                .isEqualTo(new DecodeResult.Failed("value of 'msg' longer than 200 characters"));
    }

    @Test
    void perSourceOverrideDecidesTheCodec() {
        String line = "CEF:0|V|P|1|1|n|5|src=10.0.0.1";
        assertThat(decode("auto", line)).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(decode("json", line)).isInstanceOf(DecodeResult.Failed.class);
        assertThat(decode("leef", line)).isEqualTo(new DecodeResult.Failed("no LEEF header: expected 'LEEF:<version>|'"));
    }

    @Test
    void rejectsInvalidContentWithEveryProblem() {
        var documents = new java.util.LinkedHashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        documents.put("families/a.json", json.createObjectNode().put("family", "a").put("header", "(unclosed"));
        documents.put("csv/B.json", json.createObjectNode().put("name", "B"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> DecoderDefinitions.parse(documents)))
                .hasMessageContaining("families/a.json (a) header: invalid RE2/J pattern")
                .hasMessageContaining("families/a.json (a): 'match' must hold at least one field pattern")
                .hasMessageContaining("csv/B.json: name must be lower-case");
    }
}
