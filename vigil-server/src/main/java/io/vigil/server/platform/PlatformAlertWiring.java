package io.vigil.server.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.audit.AuditSink;
import io.vigil.ingest.journal.SegmentedJournal;
import io.vigil.server.config.AlertSettings;
import io.vigil.server.config.NotificationSettings;
import io.vigil.server.config.Settings;
import io.vigil.soc.notify.OutboundGuard;
import io.vigil.soc.notify.Routes;
import io.vigil.soc.notify.SmtpSender;
import io.vigil.soc.notify.WebhookSender;
import io.vigil.soc.platform.EmailOperators;
import io.vigil.soc.platform.OperatorChannel;
import io.vigil.soc.platform.PlatformAlertKind;
import io.vigil.soc.platform.PlatformAlerts;
import io.vigil.soc.platform.PlatformCondition;
import io.vigil.soc.platform.WebhookOperators;
import io.vigil.store.platform.JdbcPlatformAlerts;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Platform alerts: the settings ({@code vigil.alerts}), the conditions watched (every {@link PlatformCondition} bean;
 * this feature adds the journal's storage), the operators' channels, the engine {@link PlatformAlerts}, its
 * {@link PlatformAlertJob} and {@link PlatformAlertController}.
 */
@Configuration(proxyBeanMethods = false)
class PlatformAlertWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformAlertWiring.class);

    @Bean
    AlertSettings alertSettings(Environment environment) {
        return Settings.bind(environment, "vigil.alerts", AlertSettings.class);
    }

    @Bean
    PlatformCondition journalStorageCondition(SegmentedJournal journal) {
        return new JournalStorageCondition(journal, journal.directory());
    }

    @Bean
    JdbcPlatformAlerts platformAlertStore(DataSource dataSource, Clock clock) {
        return new JdbcPlatformAlerts(dataSource, clock);
    }

    @Bean
    PlatformAlerts platformAlerts(AlertSettings settings, NotificationSettings notifications,
                                  ObjectProvider<PlatformCondition> conditions, AuditSink audit, Routes routes,
                                  JdbcPlatformAlerts store, Clock clock, MeterRegistry registry) {
        List<OperatorChannel> channels = new ArrayList<>();
        if (!settings.operatorEmails().isEmpty()) {
            notifications.smtp().ifPresentOrElse(
                    smtp -> channels.add(new EmailOperators(new SmtpSender(smtp), settings.operatorEmails())),
                    () -> LOG.warn("vigil.alerts.operator-emails is set but vigil.notifications.smtp-host is not:"
                            + " operators get no platform alerts by e-mail"));
        }
        if (!settings.operatorWebhookUrl().isEmpty()) {
            channels.add(new WebhookOperators(new WebhookSender(OutboundGuard.system(), routes, clock),
                    URI.create(settings.operatorWebhookUrl()), settings.operatorWebhookSecret()));
        }
        if (channels.isEmpty()) {
            LOG.warn("no operator channel for platform alerts (vigil.alerts.operator-emails, vigil.alerts.operator-webhook-url):"
                    + " they are only logged, audited and listed at /api/v1/platform/alerts");
        }
        PlatformAlerts alerts = new PlatformAlerts(installation(settings), conditions.orderedStream().toList(), channels,
                audit, store, clock, new PlatformAlerts.Policy(settings.resolveAfter(), notifications.maxAttempts(),
                        notifications.backoff(), settings.keepResolved()));
        for (PlatformAlertKind kind : PlatformAlertKind.values()) {
            Gauge.builder("vigil.platform.alerts.open", alerts,
                            a -> a.current().stream().filter(alert -> alert.kind() == kind).count())
                    .tag("kind", kind.code()).description("Platform alerts open or clearing, by kind").register(registry);
        }
        return alerts;
    }

    @Bean
    PlatformAlertJob platformAlertJob(PlatformAlerts alerts, AlertSettings settings) {
        return new PlatformAlertJob(alerts, settings.checkInterval());
    }

    private static String installation(AlertSettings settings) {
        if (!settings.installation().isEmpty()) {
            return settings.installation();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "vigil";
        }
    }
}
