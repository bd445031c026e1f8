package io.vigil.server.access;

import io.vigil.core.audit.AuditSink;
import io.vigil.server.config.JitSettings;
import io.vigil.server.config.Settings;
import io.vigil.store.Database;
import io.vigil.store.access.AccessRequests;
import io.vigil.store.access.JitGrants;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The just-in-time access feature: the {@code access_request} table (migration {@code V10__access_requests.sql}) and
 * its repository, {@link JitGrants} (a {@link io.vigil.core.access.GrantSource}, so approved grants count in every
 * principal's access), the rules in {@link JitAccess}, the REST endpoints in {@link AccessRequestController} and the
 * expiry job {@link AccessExpiry}. Policy: {@code vigil.access.jit.*} ({@link JitSettings}).
 */
@Configuration(proxyBeanMethods = false)
class JitWiring {

    @Bean
    JitSettings jitSettings(Environment environment) {
        return Settings.bind(environment, "vigil.access.jit", JitSettings.class);
    }

    @Bean
    AccessRequests accessRequests(Database database, Clock clock) {
        return new AccessRequests(database.dataSource(), clock);
    }

    @Bean
    JitGrants jitGrants(AccessRequests requests) {
        return new JitGrants(requests);
    }

    /**
     * The audit log is looked up at each use rather than injected, so that this feature does not depend on the order
     * in which features are wired; without one, every change fails (and is rolled back) instead of going unaudited.
     */
    @Bean
    JitAccess jitAccess(AccessRequests requests, JitSettings settings, ObjectProvider<AuditSink> auditSinks, Clock clock) {
        AuditSink audit = record -> auditSinks.getIfAvailable(() -> {
            throw new IllegalStateException("no audit log is configured; just-in-time access does not act unaudited");
        }).record(record);
        return new JitAccess(requests, settings, audit, clock);
    }

    @Bean
    AccessExpiry accessExpiry(JitAccess jit, JitSettings settings) {
        return new AccessExpiry(jit, settings.expiryInterval());
    }
}
