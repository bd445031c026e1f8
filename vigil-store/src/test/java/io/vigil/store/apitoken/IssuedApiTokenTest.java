package io.vigil.store.apitoken;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssuedApiTokenTest {

    @Test
    void neverPrintsItsSecret() {
        ApiToken token = new ApiToken(ApiTokenId.random(), java.util.UUID.randomUUID(), "ci", null, null, Instant.EPOCH, null, null);

        assertThat(new IssuedApiToken(token, "vga_secret-value").toString()).doesNotContain("secret-value").contains("ci");
    }
}
