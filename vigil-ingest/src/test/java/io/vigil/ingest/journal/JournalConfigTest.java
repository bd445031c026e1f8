package io.vigil.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JournalConfigTest {

    @Test
    void takesTheDefaultForEveryMissingValue() {
        JournalConfig config = new JournalConfig(null, null, null, null, null, null);

        assertThat(config.directory()).isEqualTo(Path.of("var/journal"));
        assertThat(config.segmentBytes()).isEqualTo(64L << 20);
        assertThat(config.maxBacklogBytes()).isEqualTo(1L << 30);
        assertThat(config.minFreeDiskBytes()).isEqualTo(256L << 20);
        assertThat(config.maxRecordBytes()).isEqualTo(8 << 20);
        assertThat(config.flushInterval()).isEqualTo(Duration.ZERO);
    }

    @Test
    void keepsGivenValues() {
        JournalConfig config = new JournalConfig(Path.of("/data/j"), 4096L, 8192L, 0L, 2048, Duration.ofMillis(3));

        assertThat(config).isEqualTo(new JournalConfig(Path.of("/data/j"), 4096L, 8192L, 0L, 2048, Duration.ofMillis(3)));
        assertThat(config.minFreeDiskBytes()).isZero();
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> new JournalConfig(null, 10L, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentBytes").hasMessageContaining("10");
        assertThatThrownBy(() -> new JournalConfig(null, 2L << 30, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentBytes");
        assertThatThrownBy(() -> new JournalConfig(null, null, 0L, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBacklogBytes");
        assertThatThrownBy(() -> new JournalConfig(null, null, null, -1L, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minFreeDiskBytes");
        assertThatThrownBy(() -> new JournalConfig(null, null, null, null, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRecordBytes");
        assertThatThrownBy(() -> new JournalConfig(null, null, null, null, 512 << 20, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRecordBytes");
        assertThatThrownBy(() -> new JournalConfig(null, null, null, null, null, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flushInterval");
    }
}
