package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.http.BatchFramer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz tests for every decoder and the HTTP batch framer. In the normal build they run in regression mode:
 * each method is called with the inputs in {@code src/test/resources/io/vigil/ingest/decode/DecoderFuzzTestInputs/<method>/}
 * (seeds and any crash found earlier), quickly. With {@code JAZZER_FUZZ=1} Jazzer mutates inputs for as long as
 * {@code maxDuration} allows (command in docs/decoders.md). The property checked: a decoder returns a result and
 * never throws, and what it returns stays within the limits (at most {@code maxFields} values), for any bytes.
 */
class DecoderFuzzTest {

    /** Small limits so that the fuzzer reaches the bounds quickly. */
    static final DecoderLimits LIMITS = new DecoderLimits(8, 200, 4096, 65_536);
    static final Decoders DECODERS = Decoders.standard(LIMITS, DecoderDefinitions.fromClasspath(DecoderFuzzTest.class.getClassLoader()));
    static final BatchFramer FRAMER = new BatchFramer(4096, 100);

    @FuzzTest(maxDuration = "10s")
    void syslog(byte[] input) {
        decodeWith("syslog", input);
    }

    @FuzzTest(maxDuration = "10s")
    void cef(byte[] input) {
        decodeWith("cef", input);
    }

    @FuzzTest(maxDuration = "10s")
    void leef(byte[] input) {
        decodeWith("leef", input);
    }

    @FuzzTest(maxDuration = "10s")
    void keyValue(byte[] input) {
        decodeWith("kv", input);
    }

    @FuzzTest(maxDuration = "10s")
    void json(byte[] input) {
        decodeWith("json", input);
    }

    @FuzzTest(maxDuration = "10s")
    void auditd(byte[] input) {
        decodeWith("auditd", input);
    }

    @FuzzTest(maxDuration = "10s")
    void csv(byte[] input) {
        decodeWith("csv.paloalto", input);
        decodeWith("csv.zeek", input);
        decodeWith("csv.access-control", input);
    }

    @FuzzTest(maxDuration = "10s")
    void auto(byte[] input) {
        decodeWith("auto", input);
    }

    @FuzzTest(maxDuration = "10s")
    void batchFramer(byte[] input) {
        for (BatchFramer.Format format : BatchFramer.Format.values()) {
            try {
                List<byte[]> events = FRAMER.frame(input, format);
                assertThat(events.size()).isLessThanOrEqualTo(100);
                events.forEach(e -> assertThat(e.length).isLessThanOrEqualTo(4096));
            } catch (BatchFramer.BatchRejected rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
            }
        }
    }

    private static void decodeWith(String codec, byte[] input) {
        Decoder decoder = DECODERS.forCodec(codec).orElseThrow();
        DecodeResult result = decoder.decode(new RawEvent(TenantId.random(), new SourceRef("fuzz", "fuzz", codec),
                Instant.parse("2026-11-01T12:00:00Z"), input));
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Decoded decoded) {
            for (Map<String, Object> event : decoded.events()) {
                assertThat(count(event)).isLessThanOrEqualTo(LIMITS.maxFields() + 8);
            }
        }
    }

    private static int count(Object value) {
        if (value instanceof Map<?, ?> map) {
            int n = 0;
            for (Object v : map.values()) {
                n += 1 + count(v);
            }
            return n;
        }
        if (value instanceof List<?> list) {
            int n = 0;
            for (Object v : list) {
                n += 1 + count(v);
            }
            return n;
        }
        return 0;
    }
}
