package io.vigil.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Timestamps#isoUtcText} writes what {@code Instant.toString()} of {@link Timestamps#isoUtc} writes. */
class TimestampsTest {

    @Test
    void writesUtcTimesAsInstantDoes() {
        Random random = new Random(3);
        for (int round = 0; round < 50_000; round++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000), 1 + random.nextInt(12),
                    1 + random.nextInt(31), random.nextInt(25), random.nextInt(61), random.nextInt(61));
            int digits = random.nextInt(11);
            if (digits > 0) {
                StringBuilder fraction = new StringBuilder(".");
                for (int i = 1; i < digits; i++) {
                    fraction.append(random.nextInt(4) == 0 ? (char) ('0' + random.nextInt(10)) : '0');
                }
                text += fraction;
            }
            text += "Z";
            Instant instant = Timestamps.isoUtc(text);
            assertThat(Timestamps.isoUtcText(text)).as(text).isEqualTo(instant == null ? null : instant.toString());
        }
        assertThat(Timestamps.isoUtcText("2026-11-22T10:00:00.000Z")).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(Timestamps.isoUtcText("2026-11-22T10:00:00.12Z")).isEqualTo("2026-11-22T10:00:00.120Z");
        assertThat(Timestamps.isoUtcText("2026-11-22T10:00:00.0000001Z")).isEqualTo("2026-11-22T10:00:00.000000100Z");
        assertThat(Timestamps.isoUtcText("0042-01-01T00:00:00Z")).isEqualTo("0042-01-01T00:00:00Z");
        assertThat(Timestamps.isoUtcText("2026-11-22 10:00:00Z")).isNull();
    }
}
