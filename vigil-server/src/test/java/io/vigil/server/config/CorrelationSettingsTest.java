package io.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.sigma.correlation.CorrelationLimits;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class CorrelationSettingsTest {

    @Test
    void unsetKeysGiveTheEngineDefaults() {
        assertThat(Settings.defaults(CorrelationSettings.class).limits()).isEqualTo(CorrelationLimits.DEFAULTS);
    }

    @Test
    void bindsEveryKeyFromTheEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "vigil.detection.correlation.max-groups-per-correlation", "50",
                "vigil.detection.correlation.max-events-per-group", "20",
                "vigil.detection.correlation.max-events-per-tenant", "400",
                "vigil.detection.correlation.allowed-lateness", "5m",
                "vigil.detection.enabled", "false")));

        CorrelationLimits limits = Settings.bind(environment, "vigil.detection.correlation",
                CorrelationSettings.class).limits();

        assertThat(limits).isEqualTo(new CorrelationLimits(50, 20, 400, Optional.of(Duration.ofMinutes(5))));
        assertThat(Settings.bind(environment, "vigil.detection", DetectionSettings.class).enabled()).isFalse();
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> new CorrelationSettings(0, null, null, null))
                .hasMessageContaining("vigil.detection.correlation.max-groups-per-correlation");
        assertThatThrownBy(() -> new CorrelationSettings(null, 500, 100, null))
                .hasMessageContaining("vigil.detection.correlation.max-events-per-tenant must be 500-");
        assertThatThrownBy(() -> new CorrelationSettings(null, null, null, Duration.ofSeconds(-1)))
                .hasMessageContaining("vigil.detection.correlation.allowed-lateness");
    }
}
