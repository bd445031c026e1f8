package io.vigil.server.collection;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.journal.Journal;
import io.vigil.ingest.admission.AdmissionConfig;
import io.vigil.ingest.admission.RateLimit;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.ingest.mqtt.MqttConfig;
import io.vigil.ingest.mqtt.MqttInput;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.server.config.Settings;
import io.vigil.store.collection.MqttCollectors;
import io.vigil.store.collection.RateLimits;
import io.vigil.store.collection.StoredRateLimit;
import io.vigil.store.failure.JdbcFailureStore;
import io.vigil.store.tenant.TenantDirectory;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Collection: per-tenant admission (rate limits, {@code vigil.ingest.admission.*}, overrides in
 * {@code ingest_rate_limit}), MQTT topic mappings ({@code mqtt_collector}) and the MQTT input
 * ({@code vigil.ingest.mqtt.*}), with their REST endpoints ({@link MqttCollectorController},
 * {@link RateLimitController}). Migration {@code V15__collection.sql}.
 */
@Configuration(proxyBeanMethods = false)
class CollectWiring {

    private static final Logger LOG = LoggerFactory.getLogger(CollectWiring.class);

    @Bean
    RateLimits rateLimits(DataSource dataSource, Clock clock) {
        return new RateLimits(dataSource, clock);
    }

    @Bean
    MqttCollectors mqttCollectors(DataSource dataSource, Clock clock) {
        return new MqttCollectors(dataSource, clock);
    }

    @Bean
    TenantAdmission tenantAdmission(Environment environment, RateLimits limits, MeterRegistry registry) {
        TenantAdmission admission = new TenantAdmission(
                Settings.bind(environment, "vigil.ingest.admission", AdmissionConfig.class), registry);
        for (StoredRateLimit stored : limits.all()) {
            try {
                admission.setOverride(stored.tenant(), new RateLimit(stored.eventsPerSecond(), stored.burst()));
            } catch (IllegalArgumentException e) {
                LOG.warn("Stored rate limit of tenant {} is invalid; the default applies: {}", stored.tenant(), e.getMessage());
            }
        }
        return admission;
    }

    @Bean
    MqttInput mqttInput(Environment environment, Journal journal, JdbcFailureStore failures, TenantAdmission admission,
                        StageMetrics metrics, MeterRegistry registry, Clock clock) {
        return new MqttInput(Settings.bind(environment, "vigil.ingest.mqtt", MqttConfig.class), journal, failures, admission,
                metrics, registry, clock);
    }

    @Bean
    MqttMappings mqttMappings(MqttCollectors collectors, TenantDirectory tenants, MqttInput input) {
        return new MqttMappings(collectors, tenants, input);
    }

    @Bean
    MqttLifecycle mqttLifecycle(Environment environment, MqttInput input, MqttMappings mappings) {
        return new MqttLifecycle(Settings.bind(environment, "vigil.ingest.mqtt", MqttConfig.class), input, mappings);
    }

    /** Connects when enabled, reloads the mappings on the refresh interval, disconnects at stop. */
    static final class MqttLifecycle implements SmartLifecycle {
        private final MqttConfig config;
        private final MqttInput input;
        private final MqttMappings mappings;
        private ScheduledExecutorService refresher;
        private volatile boolean running;

        MqttLifecycle(MqttConfig config, MqttInput input, MqttMappings mappings) {
            this.config = config;
            this.input = input;
            this.mappings = mappings;
        }

        @Override
        public synchronized void start() {
            if (config.enabled()) {
                input.start(mappings.load());
                refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "vigil-mqtt-mappings");
                    thread.setDaemon(true);
                    return thread;
                });
                long every = config.refreshInterval().toMillis();
                refresher.scheduleWithFixedDelay(mappings::refresh, every, every, TimeUnit.MILLISECONDS);
                LOG.info("MQTT input enabled: {}", config);
            }
            running = true;
        }

        @Override
        public synchronized void stop() {
            if (refresher != null) {
                refresher.shutdownNow();
                refresher = null;
            }
            input.close();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
