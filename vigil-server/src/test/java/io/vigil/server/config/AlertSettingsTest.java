package io.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class AlertSettingsTest {

    @Test
    void bindsACommaSeparatedListOfOperatorsFromTheEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "vigil.alerts.operator-emails", "ops@mssp.example, noc@mssp.example",
                "vigil.alerts.operator-webhook-url", "https://chat.mssp.example/hooks/vigil",
                "vigil.alerts.operator-webhook-secret", "0123456789abcdef-secret",
                "vigil.alerts.resolve-after", "30s")));

        AlertSettings settings = Settings.bind(environment, "vigil.alerts", AlertSettings.class);

        assertThat(settings.operatorEmails()).containsExactly("ops@mssp.example", "noc@mssp.example");
        assertThat(settings.resolveAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.checkInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.toString()).doesNotContain("0123456789abcdef-secret");
    }

    @Test
    void defaultsSendNothingAnywhere() {
        AlertSettings settings = Settings.defaults(AlertSettings.class);
        assertThat(settings.operatorEmails()).isEmpty();
        assertThat(settings.operatorWebhookUrl()).isEmpty();
    }

    @Test
    void rejectsEveryBadValueAtOnceNamingTheKeys() {
        assertThatThrownBy(() -> new AlertSettings(List.of("not-an-address"), "ftp://chat.example/x", "short",
                Duration.ofMillis(10), Duration.ofHours(2), 5000, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil.alerts.operator-emails")
                .hasMessageContaining("vigil.alerts.operator-webhook-url")
                .hasMessageContaining("vigil.alerts.operator-webhook-secret")
                .hasMessageContaining("vigil.alerts.check-interval")
                .hasMessageContaining("vigil.alerts.resolve-after")
                .hasMessageContaining("vigil.alerts.keep-resolved");
    }
}
