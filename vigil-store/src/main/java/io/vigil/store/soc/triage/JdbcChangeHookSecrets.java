package io.vigil.store.soc.triage;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.secret.SecretBox;
import io.vigil.store.soc.SocRecords;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret a tenant's change-management system signs change webhooks with, one record of kind {@value #KIND} per
 * tenant. Stored sealed under the data key ({@link SecretBox}) and bound to the tenant, so a database dump or
 * backup does not let anyone forge changes (which can suppress or downgrade incidents); a secret stored in plain
 * form by an earlier version, or sealed under an older data key, is read as it is and sealed anew by {@link #reseal}.
 */
public final class JdbcChangeHookSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcChangeHookSecrets.class);

    static final String KIND = "change-hook";
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 500;

    /** The record as stored: the secret sealed, or plain from before sealing. */
    record Stored(String secret) {
    }

    private final SocRecords records;
    private final SecretBox box;

    public JdbcChangeHookSecrets(SocRecords records, SecretBox box) {
        this.records = Objects.requireNonNull(records, "records");
        this.box = Objects.requireNonNull(box, "box");
    }

    /**
     * Sets (or replaces) the tenant's secret.
     *
     * @throws IllegalArgumentException unless it has {@value #MIN_LENGTH}-{@value #MAX_LENGTH} characters
     */
    public void set(TenantId tenant, String secret) {
        if (secret == null || secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("secret must be " + MIN_LENGTH + "-" + MAX_LENGTH + " characters");
        }
        records.save(tenant, KIND, tenant.value(), new Stored(box.seal(secret, context(tenant))));
    }

    /** The tenant's secret, if one is set. */
    public Optional<String> find(TenantId tenant) {
        return records.list(tenant, KIND, Stored.class).stream().findFirst().map(stored -> open(tenant, stored));
    }

    /**
     * Seals the tenant's secret under the current data key if it is not: stored in plain form by an earlier version,
     * or sealed under an older key (after {@link SecretBox#rotate}). Returns whether it did. A secret that opens
     * under none of the box's keys (the key file was lost or replaced) is left as it is and logged; the change
     * webhook refuses every call until the secret is set again.
     */
    public boolean reseal(TenantId tenant) {
        Optional<Stored> stored = records.list(tenant, KIND, Stored.class).stream().findFirst();
        if (stored.isEmpty() || stored.get().secret() == null || box.isUnderCurrentKey(stored.get().secret())) {
            return false;
        }
        String plain;
        try {
            plain = open(tenant, stored.get());
        } catch (IllegalStateException e) {
            LOG.warn("{}; left as it is, set the secret again", e.getMessage());
            return false;
        }
        records.save(tenant, KIND, tenant.value(), new Stored(box.seal(plain, context(tenant))));
        return true;
    }

    private String open(TenantId tenant, Stored stored) {
        if (!SecretBox.isSealed(stored.secret())) {
            return stored.secret();
        }
        try {
            return box.open(stored.secret(), context(tenant));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the change webhook secret of tenant " + tenant
                    + " cannot be decrypted with this data key: " + e.getMessage());
        }
    }

    private static String context(TenantId tenant) {
        return "change-hook:" + tenant.value();
    }
}
