package io.vigil.server.secret;

import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import io.vigil.core.tenant.Tenant;
import io.vigil.store.identity.Users;
import io.vigil.store.secret.SecretBox;
import io.vigil.store.soc.notify.JdbcRoutes;
import io.vigil.store.soc.triage.JdbcChangeHookSecrets;
import io.vigil.store.tenant.TenantDirectory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the data key ({@link SecretBox}) of this server: a new key becomes current (written to the key file first,
 * the older keys kept), every stored secret is sealed anew under it (TOTP seeds, notification routes' webhook
 * secrets, change-webhook secrets), and only then are the older keys dropped from the file. A failure part-way (the
 * database unreachable, a crash) leaves the older keys in place, so every value still opens, and the next start or
 * rotation finishes the job. A value that opens under none of the keys (sealed under a key file since lost) is left
 * as it is and logged: it was unreadable before and stays so. One rotation at a time; this server's process is the
 * only one that holds the key.
 */
public final class DataKeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(DataKeyRotation.class);

    /**
     * @param keyId    the new current key's id
     * @param retired  the ids of the keys dropped
     * @param resealed values sealed anew, by kind: {@code totp}, {@code routes}, {@code change-hooks}
     */
    public record Result(String keyId, List<String> retired, Map<String, Integer> resealed) {
    }

    private final SecretBox box;
    private final Users users;
    private final JdbcRoutes routes;
    private final JdbcChangeHookSecrets changeHooks;
    private final TenantDirectory tenants;
    private final AuditSink audit;
    private final Clock clock;

    public DataKeyRotation(SecretBox box, Users users, JdbcRoutes routes, JdbcChangeHookSecrets changeHooks,
                           TenantDirectory tenants, AuditSink audit, Clock clock) {
        this.box = box;
        this.users = users;
        this.routes = routes;
        this.changeHooks = changeHooks;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** The ids of the keys held, the current one first. */
    public List<String> keyIds() {
        return box.keyIds();
    }

    /**
     * Rotates: see the class. The audit log gets {@code platform.data-key.rotated} with the key ids and counts; the
     * request that asked is audited with its caller as every API request is.
     *
     */
    public synchronized Result rotate() {
        String keyId = box.rotate();
        Map<String, Integer> resealed = resealAll();
        // A secret sealed under the old key just before the rotation may have been written after the first pass read
        // its row; a second pass, once such writes are done, seals it too before the old key goes.
        resealAll().forEach((kind, n) -> resealed.merge(kind, n, Integer::sum));
        List<String> retired = box.retire();
        LOG.info("Data key rotated to {}; retired {}; sealed anew {}", keyId, retired, resealed);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("keyId", keyId);
        details.put("retired", String.join(",", retired));
        resealed.forEach((kind, n) -> details.put("resealed." + kind, Integer.toString(n)));
        audit.record(AuditRecord.bySystem(clock.instant(), null, "platform.data-key.rotated", "data-key", details));
        return new Result(keyId, retired, resealed);
    }

    /** Seals every stored secret not under the current key; at start, and as part of a rotation. */
    public Map<String, Integer> resealAll() {
        Map<String, Integer> resealed = new LinkedHashMap<>();
        resealed.put("totp", users.resealTotpSecrets());
        int routeSecrets = 0;
        int hookSecrets = 0;
        for (Tenant tenant : tenants.list()) {
            routeSecrets += routes.resealSecrets(tenant.id());
            hookSecrets += changeHooks.reseal(tenant.id()) ? 1 : 0;
        }
        resealed.put("routes", routeSecrets);
        resealed.put("change-hooks", hookSecrets);
        return resealed;
    }
}
