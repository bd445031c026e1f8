package io.vigil.store.soc.triage;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.triage.Suppression;
import io.vigil.soc.triage.Suppressions;
import io.vigil.store.soc.SocRecords;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link Suppressions} as records of kind {@value #KIND}. */
public final class JdbcSuppressions implements Suppressions {

    static final String KIND = "suppression";

    private final SocRecords records;

    public JdbcSuppressions(SocRecords records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public List<Suppression> list(TenantId tenant) {
        return records.list(tenant, KIND, Suppression.class);
    }

    @Override
    public Optional<Suppression> find(TenantId tenant, UUID id) {
        return records.find(tenant, KIND, id, Suppression.class);
    }

    @Override
    public Suppression save(TenantId tenant, Suppression value) {
        if (!value.tenant().equals(tenant)) {
            throw new IllegalArgumentException("suppression of another tenant");
        }
        return records.save(tenant, KIND, value.id(), value);
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
        return records.delete(tenant, KIND, id);
    }
}
