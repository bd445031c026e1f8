package io.vigil.server.config;

import io.vigil.ingest.admission.AdmissionConfig;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.health.SourceHealthConfig;
import io.vigil.ingest.http.HttpIngestConfig;
import io.vigil.ingest.journal.JournalConfig;
import io.vigil.ingest.mqtt.MqttConfig;
import io.vigil.ingest.pipeline.PipelineConfig;
import io.vigil.ingest.syslog.SyslogConfig;
import io.vigil.server.auth.oidc.OidcSettings;
import io.vigil.store.DatabaseConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Every configuration group of Vigil, in one list: binding, validation and the generated reference
 * (docs/configuration.md) all come from here. Keys are the records' components in kebab case; each can
 * be set in {@code application.properties}, as a system property or as an environment variable
 * ({@code vigil.ingest.http.port} → {@code VIGIL_INGEST_HTTP_PORT}).
 */
public final class Settings {

    public static final List<SettingsGroup> GROUPS = List.of(
            new SettingsGroup("vigil.server", ServerSettings.class, "Server"),
            new SettingsGroup("vigil.database", DatabaseConfig.class, "Relational database"),
            new SettingsGroup("vigil.journal", JournalConfig.class, "Journal"),
            new SettingsGroup("vigil.pipeline", PipelineConfig.class, "Pipeline"),
            new SettingsGroup("vigil.decoder", DecoderLimits.class, "Decoder limits"),
            new SettingsGroup("vigil.ingest.http", HttpIngestConfig.class, "HTTP ingest"),
            new SettingsGroup("vigil.ingest.admission", AdmissionConfig.class, "Per-tenant admission (rate limits)"),
            new SettingsGroup("vigil.ingest.mqtt", MqttConfig.class, "MQTT input"),
            new SettingsGroup("vigil.sources", SourceHealthConfig.class, "Log-source health"),
            new SettingsGroup("vigil.ingest.syslog", SyslogConfig.class, "Syslog ingest"),
            new SettingsGroup("vigil.ingest.tls", IngestTlsSettings.class, "Ingest TLS and collector CA"),
            new SettingsGroup("vigil.recent-events", RecentEventsSettings.class, "Recent-events view"),
            new SettingsGroup("vigil.search", SearchSettings.class, "Event store and search"),
            new SettingsGroup("vigil.failures", FailureStoreSettings.class, "Failure store"),
            new SettingsGroup("vigil.detection", DetectionSettings.class, "Sigma detection"),
            new SettingsGroup("vigil.detection.correlation", CorrelationSettings.class, "Sigma correlation limits"),
            new SettingsGroup("vigil.api-tokens", ApiTokenSettings.class, "API tokens"),
            new SettingsGroup("vigil.auth.oidc", OidcSettings.class, "Single sign-on (OpenID Connect)"),
            new SettingsGroup("vigil.audit", AuditSettings.class, "Audit log"),
            new SettingsGroup("vigil.access.jit", JitSettings.class, "Just-in-time access"),
            new SettingsGroup("vigil.auth", AuthSettings.class, "Accounts and sessions"),
            new SettingsGroup("vigil.sla", SlaSettings.class, "SLA and regulatory clocks"),

            new SettingsGroup("vigil.incidents", IncidentSettings.class, "Triage and incidents"),
            new SettingsGroup("vigil.notifications", NotificationSettings.class, "Notifications"),
            new SettingsGroup("vigil.alerts", AlertSettings.class, "Platform alerts to operators"));

    private Settings() {
    }

    /** Binds one group from the environment; unset keys take the record's defaults. */
    public static <T extends Record> T bind(Environment environment, String prefix, Class<T> type) {
        return Binder.get(environment).bind(prefix, Bindable.of(type)).orElseGet(() -> defaults(type));
    }

    /** The record with every component unset, i.e. all defaults. */
    public static <T extends Record> T defaults(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (types[i].isPrimitive()) {
                throw new IllegalStateException(type.getName() + "." + components[i].getName()
                        + " must be a boxed type so that 'unset' can be told from a value");
            }
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(new Object[components.length]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build defaults of " + type.getName(), e);
        }
    }

    /** {@code maxBacklogBytes} → {@code max-backlog-bytes}. */
    public static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The environment variable Spring Boot maps onto a key: dots to underscores, dashes removed. */
    public static String envVar(String key) {
        return key.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
