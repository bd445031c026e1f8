package io.vigil.store.soc.triage;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.triage.Asset;
import io.vigil.soc.triage.Assets;
import io.vigil.store.soc.SocRecords;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link Assets} as records of kind {@value #KIND}. */
public final class JdbcAssets implements Assets {

    static final String KIND = "asset";

    private final SocRecords records;

    public JdbcAssets(SocRecords records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public List<Asset> list(TenantId tenant) {
        return records.list(tenant, KIND, Asset.class);
    }

    @Override
    public Optional<Asset> find(TenantId tenant, UUID id) {
        return records.find(tenant, KIND, id, Asset.class);
    }

    @Override
    public Asset save(TenantId tenant, Asset value) {
        if (!value.tenant().equals(tenant)) {
            throw new IllegalArgumentException("asset of another tenant");
        }
        return records.save(tenant, KIND, value.id(), value);
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
        return records.delete(tenant, KIND, id);
    }
}
