package io.vigil.server.config;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code vigil.server.log-format=json} switches console logging to one JSON object per line (Elastic
 * Common Schema), before the logging system starts.
 */
public final class LogFormatPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("json".equalsIgnoreCase(environment.getProperty("vigil.server.log-format", "text").strip())) {
            environment.getPropertySources().addFirst(new MapPropertySource("vigil-log-format",
                    Map.of("logging.structured.format.console", "ecs")));
        }
    }
}
