package io.vigil.server;

import io.vigil.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end contract on PostgreSQL (a fresh schema in the server named by {@code VIGIL_TEST_PG_URL}).
 * Without that server the class is skipped, except under {@code CI=true}, where it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class IngestEndToEndPostgresIT extends IngestEndToEndContract {

    private static TestDatabase database;

    @BeforeAll
    static void database() {
        try {
            database = TestDatabase.postgresql();
        } catch (IllegalStateException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("PostgreSQL not available: " + e.getMessage());
        }
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        // Runs at context start, after @BeforeAll has created the schema.
        registry.add("vigil.database.url", database::url);
        if (database.username() != null) {
            registry.add("vigil.database.username", database::username);
        }
        if (database.password() != null) {
            registry.add("vigil.database.password", database::password);
        }
    }
}
