package io.vigil.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;

/**
 * The Spring Boot application: wiring, REST API and security. Migrations run through vigil-store's own
 * {@code Database}, the same code the store's tests exercise on H2 and PostgreSQL, so Boot's Flyway
 * auto-configuration is off.
 */
@SpringBootApplication(exclude = FlywayAutoConfiguration.class)
public class VigilApplication {
}
