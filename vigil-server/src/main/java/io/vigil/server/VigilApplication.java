package io.vigil.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The Spring Boot application: wiring, REST API and security. Migrations run through vigil-store's own
 * {@code Database}, the same code the store's tests exercise on H2 and PostgreSQL, so Boot's Flyway
 * auto-configuration is off. Boot's generated in-memory user is off too: API tokens are the only credential.
 */
@SpringBootApplication(exclude = {FlywayAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
public class VigilApplication {
}
