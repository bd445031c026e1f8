package io.vigil.server.soc.incident;

import io.vigil.core.source.SourceSilenceListener;
import io.vigil.server.config.IncidentSettings;
import io.vigil.server.config.NotificationSettings;
import io.vigil.server.config.Settings;
import io.vigil.soc.incident.AlarmRouter;
import io.vigil.soc.contract.Contracts;
import io.vigil.soc.incident.CaseWork;
import io.vigil.soc.incident.ContractEscalation;
import io.vigil.soc.incident.EscalationPolicy;
import io.vigil.soc.notify.Channel;
import io.vigil.soc.notify.Notifier;
import io.vigil.soc.notify.OutboundGuard;
import io.vigil.soc.notify.Sender;
import io.vigil.soc.notify.SmtpSender;
import io.vigil.soc.notify.WebhookSender;
import io.vigil.soc.sla.SlaSubjects;
import io.vigil.soc.triage.Triage;
import io.vigil.soc.triage.TriageSettings;
import io.vigil.store.Database;
import io.vigil.store.secret.SecretBox;
import io.vigil.store.soc.SocRecords;
import io.vigil.store.soc.incident.JdbcAttachments;
import io.vigil.store.soc.incident.IncidentSlaSubjects;
import io.vigil.store.soc.incident.JdbcIncidents;
import io.vigil.store.soc.notify.JdbcDeliveries;
import io.vigil.store.soc.notify.JdbcRoutes;
import io.vigil.store.soc.triage.JdbcAssets;
import io.vigil.store.soc.triage.JdbcChangeHookSecrets;
import io.vigil.store.soc.triage.JdbcChangeWindows;
import io.vigil.store.soc.triage.JdbcSuppressions;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Triage, case management and notifications: the repositories (migration {@code V18__incidents.sql}), the engine of
 * {@code io.vigil.soc} ({@link Triage}, {@link CaseWork}, {@link Notifier}, the {@link AlarmRouter} that SLA clocks
 * raise alarms to, the {@link ContractEscalation} that follows each tenant's contract), the triage output the detect feature appends to the pipeline ({@link TriageFeature}), the
 * {@link SocWorker} and the controllers of this package.
 */
@Configuration(proxyBeanMethods = false)
class IncidentWiring {

    @Bean
    IncidentSettings incidentSettings(Environment environment) {
        return Settings.bind(environment, "vigil.incidents", IncidentSettings.class);
    }

    @Bean
    NotificationSettings notificationSettings(Environment environment) {
        return Settings.bind(environment, "vigil.notifications", NotificationSettings.class);
    }

    @Bean
    SocRecords socRecords(Database database, Clock clock) {
        return new SocRecords(database.dataSource(), clock);
    }

    @Bean
    JdbcIncidents incidents(Database database) {
        return new JdbcIncidents(database.dataSource());
    }

    @Bean
    JdbcAttachments attachments(Database database) {
        return new JdbcAttachments(database.dataSource());
    }

    @Bean
    JdbcAssets assets(SocRecords records) {
        return new JdbcAssets(records);
    }

    @Bean
    JdbcSuppressions suppressions(SocRecords records) {
        return new JdbcSuppressions(records);
    }

    @Bean
    JdbcChangeWindows changeWindows(SocRecords records) {
        return new JdbcChangeWindows(records);
    }

    @Bean
    JdbcRoutes routes(SocRecords records, SecretBox secretBox) {
        return new JdbcRoutes(records, secretBox); // secrets are sealed at start by SecretWiring
    }

    @Bean
    JdbcChangeHookSecrets changeHookSecrets(SocRecords records, SecretBox secretBox) {
        return new JdbcChangeHookSecrets(records, secretBox);
    }

    @Bean
    JdbcDeliveries deliveries(Database database) {
        return new JdbcDeliveries(database.dataSource());
    }

    @Bean
    Notifier notifier(JdbcRoutes routes, JdbcDeliveries deliveries, NotificationSettings settings, Clock clock) {
        Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
        senders.put(Channel.WEBHOOK, new WebhookSender(OutboundGuard.system(), routes, clock));
        settings.smtp().ifPresent(smtp -> senders.put(Channel.EMAIL, new SmtpSender(smtp)));
        return new Notifier(routes, deliveries, senders, clock, settings.maxAttempts(), settings.backoff());
    }

    @Bean
    CaseWork caseWork(JdbcIncidents incidents, JdbcAttachments attachments, Notifier notifier, IncidentSettings settings,
                      Clock clock) {
        return new CaseWork(incidents, attachments, EscalationPolicy.DEFAULTS, notifier, clock, settings.maxAttachmentBytes());
    }

    @Bean
    Triage triage(JdbcIncidents incidents, JdbcAssets assets, JdbcSuppressions suppressions, JdbcChangeWindows changes,
                  Notifier notifier, IncidentSettings settings, Clock clock) {
        return new Triage(incidents, assets, suppressions, changes, EscalationPolicy.DEFAULTS, notifier, clock,
                new TriageSettings(settings.groupingWindow(), settings.rollupThreshold(),
                        settings.rollupThresholdCritical(), settings.rollupWindow()));
    }

    /** SLA and regulatory clocks raise their alarms here: notifications, and escalation on SLA risk. */
    @Bean
    AlarmRouter alarmRouter(CaseWork work, JdbcIncidents incidents, Notifier notifier) {
        return new AlarmRouter(work, incidents, notifier);
    }

    /** The SLA and regulatory clocks read the incidents through this. */
    @Bean
    SlaSubjects incidentSlaSubjects(JdbcIncidents incidents) {
        return new IncidentSlaSubjects(incidents);
    }

    /** Silent log sources become incidents. */
    @Bean
    SourceSilenceListener silentSourceIncidents(Triage triage) {
        return new SilentSourceIncidents(triage);
    }

    @Bean
    TriageFeature triageFeature(Triage triage) {
        return new TriageFeature(new TriageOutput(triage));
    }

    /**
     * The contract's escalation chain, read from the contracts bean of the SLA feature at each use (without one every
     * tenant has the default contract, which has no chain).
     */
    @Bean
    ContractEscalation contractEscalation(CaseWork work, JdbcIncidents incidents, ObjectProvider<Contracts> contracts,
                                          Notifier notifier, Clock clock) {
        return new ContractEscalation(work, incidents, contracts(contracts), notifier, clock);
    }

    @Bean
    SocWorker socWorker(CaseWork work, ContractEscalation escalation, ObjectProvider<Contracts> contracts,
                        Notifier notifier, IncidentSettings settings) {
        return new SocWorker(work, escalation, contracts(contracts), notifier, settings.workInterval());
    }

    private static Contracts contracts(ObjectProvider<Contracts> contracts) {
        return tenant -> contracts.getIfAvailable(() -> t -> Optional.empty()).find(tenant);
    }
}
