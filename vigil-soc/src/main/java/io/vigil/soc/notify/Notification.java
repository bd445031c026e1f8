package io.vigil.soc.notify;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One thing to tell about one incident. */
public record Notification(TenantId tenant, UUID incidentId, NotificationKind kind, Priority priority, Tier tier,
                           int escalationStep, String subject, String text, Instant at) {
    public Notification {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    /** The webhook body: a flat JSON object. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", kind.code());
        m.put("tenant", tenant.value().toString());
        m.put("incident", incidentId.toString());
        m.put("priority", priority.name());
        m.put("tier", tier.name());
        m.put("escalation_step", escalationStep);
        m.put("subject", subject);
        m.put("text", text);
        m.put("at", at.toString());
        return FlatJson.of(m);
    }
}
