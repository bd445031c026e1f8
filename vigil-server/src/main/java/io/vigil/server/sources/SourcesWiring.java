package io.vigil.server.sources;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.source.SourceSilenceListener;
import io.vigil.ingest.health.SourceHealthConfig;
import io.vigil.ingest.health.SourceHealthMonitor;
import io.vigil.ingest.health.SourceHealthRegistry;
import io.vigil.server.config.Settings;
import io.vigil.store.source.LogSources;
import io.vigil.store.source.SourceSignals;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Log-source health: the registry (fed by the pipeline's {@code source-health} output and its failure store,
 * see {@code IngestWiring}), restored from {@code log_source} at start and saved every
 * {@code vigil.sources.persist-interval}; evaluated every {@code vigil.sources.evaluate-interval}. Raised signals
 * are stored ({@code source_signal}) and handed to every {@link SourceSilenceListener} bean. Migration
 * {@code V15__collection.sql}; API in {@link SourceController}.
 */
@Configuration(proxyBeanMethods = false)
class SourcesWiring {

    @Bean
    LogSources logSources(DataSource dataSource, Clock clock) {
        return new LogSources(dataSource, clock);
    }

    @Bean
    SourceSignals sourceSignals(DataSource dataSource) {
        return new SourceSignals(dataSource);
    }

    @Bean
    SourceHealthRegistry sourceHealthRegistry(Environment environment, LogSources sources, SourceSignals signals,
                                              ObjectProvider<SourceSilenceListener> listeners, Clock clock,
                                              MeterRegistry registry) {
        SourceHealthRegistry health = new SourceHealthRegistry(config(environment), clock, registry);
        health.restore(sources.all());
        health.addListener(new StoredSignals(signals));
        listeners.orderedStream().forEach(health::addListener);
        return health;
    }

    @Bean
    SourceHealthLifecycle sourceHealthLifecycle(Environment environment, SourceHealthRegistry registry, LogSources sources) {
        return new SourceHealthLifecycle(new SourceHealthMonitor(registry, config(environment), sources::saveAll));
    }

    private static SourceHealthConfig config(Environment environment) {
        return Settings.bind(environment, "vigil.sources", SourceHealthConfig.class);
    }

    /** Evaluates and persists on a schedule; persists once more at stop. */
    static final class SourceHealthLifecycle implements SmartLifecycle {
        private final SourceHealthMonitor monitor;
        private volatile boolean running;

        SourceHealthLifecycle(SourceHealthMonitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public void start() {
            monitor.start();
            running = true;
        }

        @Override
        public void stop() {
            monitor.close();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
