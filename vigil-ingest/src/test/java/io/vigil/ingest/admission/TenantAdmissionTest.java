package io.vigil.ingest.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.tenant.TenantId;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantAdmissionTest {

    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TenantAdmission admission = new TenantAdmission(new AdmissionConfig(true, 100.0, 200L), meters, nanos::get);
    private final TenantId noisy = TenantId.random();
    private final TenantId quiet = TenantId.random();

    private void advance(Duration step) {
        nanos.addAndGet(step.toNanos());
    }

    @Test
    void admitsTheBurstThenRefusesWithTheWaitUntilTokensSuffice() {
        assertThat(admission.admit(noisy, "http", 200)).isInstanceOf(Admission.Admitted.class);
        Admission refused = admission.admit(noisy, "http", 50);
        assertThat(refused).isInstanceOf(Admission.Refused.class);
        assertThat(((Admission.Refused) refused).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(admission.exhausted(noisy)).isTrue();
        advance(Duration.ofMillis(500)); // 50 tokens back
        assertThat(admission.admit(noisy, "http", 50)).isInstanceOf(Admission.Admitted.class);
        assertThat(meters.get("vigil.ingest.admission.events").tag("tenant", noisy.toString()).tag("outcome", "refused")
                .counter().count()).isEqualTo(50.0);
    }

    @Test
    void oneTenantsFloodLeavesAnotherTenantsBucketWhole() {
        for (int i = 0; i < 100; i++) {
            admission.admit(noisy, "http", 100);
        }
        assertThat(admission.admit(quiet, "mqtt", 200)).isInstanceOf(Admission.Admitted.class);
        assertThat(meters.get("vigil.ingest.admission.events").tag("tenant", quiet.toString()).tag("outcome", "admitted")
                .counter().count()).isEqualTo(200.0);
    }

    @Test
    void aRefusedRequestTakesNothingAndABatchOverTheBurstPassesOnlyFromAFullBucket() {
        assertThat(admission.admit(noisy, "http", 150)).isInstanceOf(Admission.Admitted.class);
        assertThat(admission.admit(noisy, "http", 60)).isInstanceOf(Admission.Refused.class);
        assertThat(admission.admit(noisy, "http", 50)).isInstanceOf(Admission.Admitted.class); // the 60 took nothing
        advance(Duration.ofSeconds(2));
        assertThat(admission.admit(noisy, "http", 500)).isInstanceOf(Admission.Admitted.class);
        // in debt by 300: after three seconds the bucket is at zero, one event more needs 10 ms
        advance(Duration.ofSeconds(3));
        assertThat(admission.admit(noisy, "http", 1)).isInstanceOf(Admission.Refused.class);
        advance(Duration.ofMillis(20));
        assertThat(admission.admit(noisy, "http", 1)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void aTenantsOwnLimitOverridesTheDefault() {
        admission.setOverride(quiet, new RateLimit(10, 10));
        assertThat(admission.limit(quiet)).isEqualTo(new RateLimit(10, 10));
        assertThat(admission.admit(quiet, "http", 10)).isInstanceOf(Admission.Admitted.class);
        assertThat(admission.admit(quiet, "http", 1)).isInstanceOf(Admission.Refused.class);
        admission.setOverride(quiet, null);
        assertThat(admission.limit(quiet)).isEqualTo(new RateLimit(100, 200));
    }

    @Test
    void disabledAdmitsEverything() {
        TenantAdmission off = new TenantAdmission(new AdmissionConfig(false, 1.0, 1L), meters, nanos::get);
        assertThat(off.admit(noisy, "http", 1_000_000)).isInstanceOf(Admission.Admitted.class);
        assertThat(off.exhausted(noisy)).isFalse();
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThatThrownBy(() -> new RateLimit(0, 10)).hasMessageContaining("eventsPerSecond");
        assertThatThrownBy(() -> new RateLimit(10, 0)).hasMessageContaining("burst");
        assertThatThrownBy(() -> new AdmissionConfig(true, -1.0, null)).hasMessageContaining("eventsPerSecond");
    }
}
