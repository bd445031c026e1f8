package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A known-benign match an analyst silenced: who, why, for what scope and until when. Scope: a rule id and/or entity
 * values ({@code host}, {@code user}, {@code ip}); every part given must match; at least one part is required.
 * Expired suppressions no longer apply; they stay listed for the record.
 */
public record Suppression(UUID id, TenantId tenant, String ruleId, Map<String, String> entities, String author,
                          String reason, Instant createdAt, Instant expiresAt) {

    public Suppression {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        entities = entities == null ? Map.of() : Map.copyOf(entities);
        if ((ruleId == null || ruleId.isBlank()) && entities.isEmpty()) {
            throw new IllegalArgumentException("a suppression needs a scope: a rule id and/or host, user or ip");
        }
        if (entities.values().stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 255)) {
            throw new IllegalArgumentException("suppression scope values must be 1-255 characters");
        }
        for (String key : entities.keySet()) {
            if (!Signal.ENTITY_KEYS.contains(key)) {
                throw new IllegalArgumentException("suppression scope may name host, user or ip, not '" + key + "'");
            }
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new IllegalArgumentException("a suppression needs a reason (1-1000 characters)");
        }
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        if (expiresAt == null) {
            throw new IllegalArgumentException("a suppression needs an expiry (expiresAt)");
        }
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    public boolean covers(Signal signal) {
        if (ruleId != null && !ruleId.isBlank() && !ruleId.equals(signal.ruleId())) {
            return false;
        }
        for (Map.Entry<String, String> e : entities.entrySet()) {
            String value = signal.entities().get(e.getKey());
            if (value == null || !value.toLowerCase(Locale.ROOT).equals(e.getValue().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
