package io.vigil.store.soc.triage;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.triage.ChangeWindow;
import io.vigil.soc.triage.ChangeWindows;
import io.vigil.store.soc.SocRecords;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link ChangeWindows} as records of kind {@value #KIND}. */
public final class JdbcChangeWindows implements ChangeWindows {

    static final String KIND = "change";

    private final SocRecords records;

    public JdbcChangeWindows(SocRecords records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public List<ChangeWindow> list(TenantId tenant) {
        return records.list(tenant, KIND, ChangeWindow.class);
    }

    @Override
    public Optional<ChangeWindow> find(TenantId tenant, UUID id) {
        return records.find(tenant, KIND, id, ChangeWindow.class);
    }

    @Override
    public ChangeWindow save(TenantId tenant, ChangeWindow value) {
        if (!value.tenant().equals(tenant)) {
            throw new IllegalArgumentException("change of another tenant");
        }
        return records.save(tenant, KIND, value.id(), value);
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
        return records.delete(tenant, KIND, id);
    }
}
