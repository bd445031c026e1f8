package io.vigil.server.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Beans every feature uses: the clock and the server settings. */
@Configuration(proxyBeanMethods = false)
class CoreWiring {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ServerSettings serverSettings(Environment environment) {
        return Settings.bind(environment, "vigil.server", ServerSettings.class);
    }

    @Bean
    ApiTokenSettings apiTokenSettings(Environment environment) {
        return Settings.bind(environment, "vigil.api-tokens", ApiTokenSettings.class);
    }
}
