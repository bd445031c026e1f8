package io.vigil.server.auth;

import io.vigil.server.config.AuthSettings;
import io.vigil.server.config.Settings;
import io.vigil.store.identity.Passwords;
import io.vigil.store.identity.RecoveryCodes;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.Sessions;
import io.vigil.store.identity.Totp;
import io.vigil.store.identity.Users;
import io.vigil.store.secret.SecretBox;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Local accounts and browser sessions: the identity repositories, password hashing, TOTP, the login rate limit.
 * The endpoints are {@link LoginController}, {@link PasswordController} and {@link MfaController}; the
 * {@link SessionFilter} is wired into the security chain by {@code SecurityWiring}.
 */
@Configuration(proxyBeanMethods = false)
class AuthWiring {

    @Bean
    AuthSettings authSettings(Environment environment) {
        return Settings.bind(environment, "vigil.auth", AuthSettings.class);
    }

    @Bean
    Users users(DataSource dataSource, Clock clock, SecretBox secretBox) {
        return new Users(dataSource, clock, secretBox); // stored secrets are sealed at start by SecretWiring
    }

    @Bean
    RoleBindings roleBindings(DataSource dataSource, Clock clock) {
        return new RoleBindings(dataSource, clock);
    }

    @Bean
    RecoveryCodes recoveryCodes(DataSource dataSource, Clock clock) {
        return new RecoveryCodes(dataSource, clock);
    }

    @Bean
    Sessions sessions(DataSource dataSource, Clock clock, AuthSettings settings) {
        return new Sessions(dataSource, clock, settings.idleTimeout(), settings.absoluteLifetime());
    }

    @Bean
    Passwords passwords() {
        return new Passwords();
    }

    @Bean
    Totp totp(Clock clock) {
        return new Totp(clock);
    }

    @Bean
    LoginRateLimiter loginRateLimiter(AuthSettings settings, Clock clock) {
        return new LoginRateLimiter(settings.loginAttemptsPerMinute(), settings.rateLimitAddresses(), clock);
    }
}
