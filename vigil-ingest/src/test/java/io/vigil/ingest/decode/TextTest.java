package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Text#of}: ASCII, UTF-8, and bytes that are not UTF-8 (read as ISO-8859-1). */
class TextTest {

    private static String text(byte[] bytes) {
        return Text.of(new RawEvent(TenantId.random(), new SourceRef("t", "t", "syslog"), Instant.EPOCH, bytes),
                DecoderLimits.DEFAULTS);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void readsUtf8AndFallsBackToLatin1ForAnythingElse() {
        assertThat(text("plain ascii\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("plain ascii");
        assertThat(text("caf\u00e9 \u20ac \ud83d\ude00".getBytes(StandardCharsets.UTF_8))).isEqualTo("caf\u00e9 \u20ac \ud83d\ude00");
        assertThat(text(bytes(0xef, 0xbb, 0xbf, 'a', 0))).isEqualTo("a");
        assertThat(text(bytes('c', 'a', 'f', 0xe9))).isEqualTo("caf\u00e9"); // Latin-1 é, not UTF-8
        assertThat(text(bytes(0x80, 0x81))).isEqualTo("\u0080\u0081");
        assertThat(text(bytes(0xe2, 0x82, 'x'))).isEqualTo("\u00e2\u0082x"); // truncated sequence
        assertThat(text(bytes(0xef, 0xbf, 0xbd, 'x'))).isEqualTo("\ufffdx"); // a real U+FFFD stays
        assertThat(text(bytes(0xed, 0xa0, 0x80))).isEqualTo("\u00ed\u00a0\u0080"); // an encoded surrogate is not UTF-8
    }
}
