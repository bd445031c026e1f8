package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDecoderTest {

    private final JsonDecoder decoder = new JsonDecoder(new DecoderLimits(8, 50, 100));

    private DecodeResult decode(String text) {
        return decoder.decode(new RawEvent(TenantId.random(), new SourceRef("http", "test", "json"), Instant.EPOCH,
                text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodesNestedObjectKeepingTypes() {
        DecodeResult result = decode("{\"a\":1,\"b\":{\"c\":[true,null,\"x\",2.5]},\"big\":123456789012345678901234}");
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        Map<String, Object> fields = ((DecodeResult.Decoded) result).events().getFirst();
        assertThat(fields.get("a")).isEqualTo(1L);
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) fields.get("b");
        assertThat(b.get("c")).isEqualTo(java.util.Arrays.asList(true, null, "x", 2.5));
        assertThat(fields.get("big")).isEqualTo(new java.math.BigInteger("123456789012345678901234"));
    }

    @Test
    void rejectsNonObjectsWithReason() {
        assertThat(decode("[1,2]")).isEqualTo(new DecodeResult.Failed("expected a JSON object, found an array"));
        assertThat(decode("42")).isEqualTo(new DecodeResult.Failed("expected a JSON object, found a number"));
        assertThat(decode("")).isEqualTo(new DecodeResult.Failed("empty input: expected a JSON object"));
    }

    @Test
    void reportsWhereJsonIsBroken() {
        DecodeResult result = decode("{\"a\":1,\n\"b\": tru}");
        assertThat(result).isInstanceOf(DecodeResult.Failed.class);
        assertThat(((DecodeResult.Failed) result).reason()).startsWith("invalid JSON at line 2");
    }

    @Test
    void rejectsTrailingContent() {
        assertThat(((DecodeResult.Failed) decode("{\"a\":1} {\"b\":2}")).reason()).contains("after the JSON object");
    }

    @Test
    void rejectsNestingBeyondLimit() {
        String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        assertThat(decode(deep)).isInstanceOf(DecodeResult.Failed.class);
        String hugeDepth = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        assertThat(decode(hugeDepth)).isInstanceOf(DecodeResult.Failed.class);
    }

    @Test
    void rejectsTooManyValues() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 60; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        DecodeResult result = decode(many.append('}').toString());
        assertThat(((DecodeResult.Failed) result).reason()).contains("more than 50 values");
    }

    @Test
    void rejectsOverlongStrings() {
        assertThat(decode("{\"a\":\"" + "x".repeat(500) + "\"}")).isInstanceOf(DecodeResult.Failed.class);
    }

    @Test
    void survivesRandomBytes() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 0) {
                bytes[0] = '{';
            }
            DecodeResult result = decoder.decode(new RawEvent(TenantId.random(), new SourceRef("http", "fuzz", "json"),
                    Instant.EPOCH, bytes));
            assertThat(result).isNotNull();
        }
    }
}
