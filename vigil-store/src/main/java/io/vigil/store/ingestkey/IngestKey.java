package io.vigil.store.ingestkey;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * An ingest key as stored: never its secret.
 *
 * @param label     what the key is for ("fw-cluster-hq"), 1-100 characters without control characters;
 *                  becomes the source name of the telemetry sent with it
 * @param revokedAt when it was revoked, {@code null} while it is active
 */
public record IngestKey(IngestKeyId id, TenantId tenant, String label, Instant createdAt, Instant revokedAt) {

    public static final int MAX_LABEL = 100;

    public IngestKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        label = requireLabel(label);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean active() {
        return revokedAt == null;
    }

    /** The label trimmed; rejected if empty, longer than {@value #MAX_LABEL} or with control characters. */
    private static String requireLabel(String label) {
        Objects.requireNonNull(label, "label");
        String trimmed = label.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LABEL) {
            throw new IllegalArgumentException("ingest key label must be 1-" + MAX_LABEL + " characters");
        }
        // The label travels into source names, logs and the database (PostgreSQL refuses NUL).
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("ingest key label must not contain control characters");
        }
        return trimmed;
    }
}
