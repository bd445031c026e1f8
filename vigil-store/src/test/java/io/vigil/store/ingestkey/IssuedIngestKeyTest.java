package io.vigil.store.ingestkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssuedIngestKeyTest {

    @Test
    void neverPrintsItsSecret() {
        IngestKey key = new IngestKey(IngestKeyId.random(), TenantId.random(), "fw", Instant.EPOCH, null);

        assertThat(new IssuedIngestKey(key, "vgi_secret-value").toString()).doesNotContain("secret-value").contains("fw");
    }
}
