package io.vigil.server.platform;

import io.vigil.core.access.Permission;
import io.vigil.server.security.Requires;
import io.vigil.soc.platform.OperatorDelivery;
import io.vigil.soc.platform.PlatformAlert;
import io.vigil.soc.platform.PlatformAlerts;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's alerts for its operators: those open or clearing now and the recently resolved ones, each with how
 * its messages fared on every channel. Platform operation, so {@link Permission#OPERATE}.
 */
@RestController
class PlatformAlertController {

    private final PlatformAlerts alerts;

    PlatformAlertController(PlatformAlerts alerts) {
        this.alerts = alerts;
    }

    record DeliveryView(String event, String channel, String state, int attempts, Instant nextAttemptAt,
                        String lastError, Instant updatedAt) {
        static DeliveryView of(OperatorDelivery d) {
            return new DeliveryView(d.event().code(), d.channel(), code(d.state()), d.attempts(),
                    d.state() == OperatorDelivery.State.PENDING ? d.nextAttemptAt() : null, d.lastError(), d.updatedAt());
        }
    }

    record AlertView(String id, String kind, String title, String key, String state, String summary,
                     Map<String, String> details, Instant raisedAt, Instant lastSeenAt, Instant clearedAt,
                     Instant resolvedAt, int recurrences, List<DeliveryView> deliveries) {
    }

    record Alerts(List<AlertView> current, List<AlertView> recent) {
    }

    @GetMapping("/api/v1/platform/alerts")
    @Requires(Permission.OPERATE)
    Alerts list() {
        return new Alerts(alerts.current().stream().map(this::view).toList(),
                alerts.recent().stream().map(this::view).toList());
    }

    private AlertView view(PlatformAlert a) {
        return new AlertView(a.id().toString(), a.kind().code(), a.kind().title(), a.key(), code(a.state()), a.summary(),
                a.details(), a.raisedAt(), a.lastSeenAt(), a.clearedAt(), a.resolvedAt(), a.recurrences(),
                alerts.deliveries(a.id()).stream().map(DeliveryView::of).toList());
    }

    private static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
