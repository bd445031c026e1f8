package io.vigil.server.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.config.SearchSettings;
import io.vigil.server.config.ServerSettings;
import io.vigil.server.config.Settings;
import io.vigil.store.search.LuceneEventStore;
import io.vigil.store.search.RetentionPolicies;
import io.vigil.store.search.SearchLimits;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The event store feature: the Lucene store (an output of the pipeline, see {@code IngestWiring}), per-tenant
 * retention with its background job, and the search, export, aggregation, retention and pivot endpoints.
 */
@Configuration(proxyBeanMethods = false)
class SearchWiring {

    @Bean
    SearchSettings searchSettings(Environment environment) {
        return Settings.bind(environment, "vigil.search", SearchSettings.class);
    }

    @Bean(destroyMethod = "close")
    LuceneEventStore eventStore(SearchSettings settings, ServerSettings server, ObjectMapper json, Clock clock) {
        Path directory = settings.directory() != null ? settings.directory() : server.dataDir().resolve("search");
        SearchLimits defaults = SearchLimits.DEFAULTS;
        SearchLimits limits = new SearchLimits(defaults.maxQueryChars(), settings.maxClauses(), defaults.maxWildcards(),
                defaults.maxLeadingWildcards(), settings.queryTimeout(), defaults.maxFieldsPerEvent(),
                defaults.maxKeywordChars(), defaults.maxOpenWriters());
        return new LuceneEventStore(directory, json, limits, settings.ramBufferMb(), clock);
    }

    @Bean
    RetentionPolicies retentionPolicies(DataSource dataSource, Clock clock) {
        return new RetentionPolicies(dataSource, clock);
    }

    @Bean
    RetentionJob retentionJob(LuceneEventStore store, RetentionPolicies policies, SearchSettings settings,
                              Clock clock) {
        return new RetentionJob(store, policies, settings, clock);
    }
}
