package io.vigil.core.tenant;

/** Lifecycle of a client organisation on the platform. */
public enum TenantStatus {
    /** Served: telemetry is accepted and processed. */
    ACTIVE,
    /** Temporarily not served (e.g. unpaid): ingest is refused, data is kept. */
    SUSPENDED,
    /** Contract ended: ingest is refused; data awaits deletion under the retention policy. */
    OFFBOARDED;

    public boolean acceptsTelemetry() {
        return this == ACTIVE;
    }
}
