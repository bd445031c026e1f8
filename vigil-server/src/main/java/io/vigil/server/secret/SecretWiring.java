package io.vigil.server.secret;

import io.vigil.core.audit.AuditSink;
import io.vigil.store.identity.Users;
import io.vigil.store.secret.SecretBox;
import io.vigil.store.soc.notify.JdbcRoutes;
import io.vigil.store.soc.triage.JdbcChangeHookSecrets;
import io.vigil.store.tenant.TenantDirectory;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data key's rotation and, at start, sealing every stored secret that is not under the current key: plain ones
 * an earlier version wrote and any that a rotation cut short left under an older key.
 */
@Configuration(proxyBeanMethods = false)
class SecretWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SecretWiring.class);

    @Bean
    DataKeyRotation dataKeyRotation(SecretBox box, Users users, JdbcRoutes routes, JdbcChangeHookSecrets changeHooks,
                                    TenantDirectory tenants, AuditSink audit, Clock clock) {
        DataKeyRotation rotation = new DataKeyRotation(box, users, routes, changeHooks, tenants, audit, clock);
        Map<String, Integer> resealed = rotation.resealAll();
        if (resealed.values().stream().anyMatch(n -> n > 0)) {
            LOG.info("Sealed stored secrets under data key {}: {}", box.currentKeyId(), resealed);
        }
        return rotation;
    }
}
