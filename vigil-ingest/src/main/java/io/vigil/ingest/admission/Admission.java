package io.vigil.ingest.admission;

import java.time.Duration;

/** The answer of {@link TenantAdmission#admit}. */
public sealed interface Admission {

    record Admitted() implements Admission {
    }

    /**
     * Over the tenant's rate: nothing was taken from its bucket.
     *
     * @param retryAfter when the bucket will hold enough for the same request (at least one second)
     */
    record Refused(Duration retryAfter, RateLimit limit) implements Admission {
    }

    Admitted ADMITTED = new Admitted();
}
