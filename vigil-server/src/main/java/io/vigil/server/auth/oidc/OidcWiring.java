package io.vigil.server.auth.oidc;

import io.vigil.server.config.Settings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Single sign-on: the settings ({@code vigil.auth.oidc.*}), one client per provider, the pending logins, and
 * {@link OidcController}'s routes under {@code /api/v1/auth/oidc} (open in {@code SecurityWiring}). The account and
 * session side plugs in as an {@link OidcLoginCompletion} bean.
 */
@Configuration(proxyBeanMethods = false)
class OidcWiring {

    @Bean
    OidcSettings oidcSettings(Environment environment) {
        return Settings.bind(environment, "vigil.auth.oidc", OidcSettings.class);
    }

    @Bean
    OidcProviders oidcProviders(OidcSettings settings, Clock clock) {
        return new OidcProviders(settings, clock);
    }

    @Bean
    OidcLoginState oidcLoginState(OidcSettings settings, Clock clock) {
        return new OidcLoginState(clock, settings.loginTimeout(), settings.maxPendingLogins());
    }
}
