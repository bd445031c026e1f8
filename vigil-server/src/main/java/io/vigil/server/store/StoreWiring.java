package io.vigil.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.config.FailureStoreSettings;
import io.vigil.server.config.RecentEventsSettings;
import io.vigil.server.config.ServerSettings;
import io.vigil.server.config.Settings;
import io.vigil.store.Database;
import io.vigil.store.DatabaseConfig;
import io.vigil.store.apitoken.ApiTokens;
import io.vigil.store.event.RecentEvents;
import io.vigil.store.failure.JdbcFailureStore;
import io.vigil.store.ingestkey.IngestKeys;
import io.vigil.store.secret.SecretBox;
import io.vigil.store.tenant.TenantDirectory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Everything relational: the database (migrated at start) and the repositories over it. */
@Configuration(proxyBeanMethods = false)
class StoreWiring {

    @Bean(destroyMethod = "close")
    Database database(Environment environment, ServerSettings server) {
        DatabaseConfig config = Settings.bind(environment, "vigil.database", DatabaseConfig.class);
        if (!environment.containsProperty("vigil.database.url")) {
            // The embedded database follows the data directory; its H2 options stay those of the default URL.
            String options = DatabaseConfig.DEFAULT_URL.substring(DatabaseConfig.DEFAULT_URL.indexOf(';'));
            String url = "jdbc:h2:file:" + server.dataDir().resolve("db").resolve("vigil").toAbsolutePath() + options;
            config = new DatabaseConfig(url, config.username(), config.password(), config.maxPoolSize());
        }
        return Database.open(config);
    }

    @Bean
    DataSource dataSource(Database database) {
        return database.dataSource();
    }

    /** Where the data key lives: {@code <data-dir>/secrets/data-key}, apart from the database. */
    static final String SECRETS_DIRECTORY = "secrets";

    /** The data key that seals stored secrets which must be read back (TOTP seeds, webhook signing secrets). */
    @Bean
    SecretBox secretBox(ServerSettings server) {
        return SecretBox.loadOrCreate(server.dataDir().resolve(SECRETS_DIRECTORY));
    }

    @Bean
    TenantDirectory tenantDirectory(DataSource dataSource, Clock clock) {
        return new TenantDirectory(dataSource, clock);
    }

    @Bean
    IngestKeys ingestKeys(DataSource dataSource, Clock clock) {
        return new IngestKeys(dataSource, clock);
    }

    @Bean
    ApiTokens apiTokens(DataSource dataSource, Clock clock) {
        return new ApiTokens(dataSource, clock);
    }

    @Bean
    RecentEvents recentEvents(Database database, ObjectMapper json, Environment environment, Clock clock) {
        RecentEventsSettings settings = Settings.bind(environment, "vigil.recent-events", RecentEventsSettings.class);
        return new RecentEvents(database.dataSource(), database.dialect(), json, settings.capacityPerTenant(), clock);
    }

    @Bean
    JdbcFailureStore failureStore(Database database, Environment environment) {
        FailureStoreSettings settings = Settings.bind(environment, "vigil.failures", FailureStoreSettings.class);
        return new JdbcFailureStore(database.dataSource(), database.dialect(), settings.capacityPerTenant());
    }
}
