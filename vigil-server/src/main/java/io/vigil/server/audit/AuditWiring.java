package io.vigil.server.audit;

import io.vigil.server.config.AuditSettings;
import io.vigil.server.config.ServerSettings;
import io.vigil.server.config.Settings;
import io.vigil.store.audit.AuditSigningKey;
import io.vigil.store.audit.JdbcAuditLog;
import io.vigil.store.tenant.TenantDirectory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The audit log: the production {@link io.vigil.core.audit.AuditSink} ({@link JdbcAuditLog}) with its signing key
 * and checkpoint timer, the recording of HTTP requests ({@link RequestAuditFilter} outside Spring Security, with
 * {@link AuditInterceptor} noting the caller), and the REST API ({@link AuditController}).
 */
@Configuration(proxyBeanMethods = false)
class AuditWiring implements WebMvcConfigurer {

    static final String KEY_DIRECTORY = "audit";

    @Bean
    AuditSettings auditSettings(Environment environment) {
        return Settings.bind(environment, "vigil.audit", AuditSettings.class);
    }

    @Bean
    JdbcAuditLog auditLog(DataSource dataSource, ServerSettings server, AuditSettings settings, Clock clock) {
        AuditSigningKey key = AuditSigningKey.loadOrCreate(server.dataDir().resolve(KEY_DIRECTORY));
        return new JdbcAuditLog(dataSource, key, settings.checkpointEvery(), clock);
    }

    @Bean(destroyMethod = "close")
    AuditCheckpoints auditCheckpoints(JdbcAuditLog log, AuditSettings settings) {
        return new AuditCheckpoints(log, settings.checkpointInterval());
    }

    @Bean
    FilterRegistrationBean<RequestAuditFilter> requestAuditFilter(JdbcAuditLog log, TenantDirectory tenants,
                                                                  AuditSettings settings, Clock clock) {
        FilterRegistrationBean<RequestAuditFilter> registration = new FilterRegistrationBean<>(
                new RequestAuditFilter(log, new TenantLookup(tenants), settings.trustForwardedFor(), clock));
        // Outside Spring Security, so that requests it rejects (401) are recorded too.
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // First, so that it notes the caller even when a later interceptor (access enforcement) refuses the request.
        registry.addInterceptor(new AuditInterceptor()).order(Ordered.HIGHEST_PRECEDENCE);
    }
}
