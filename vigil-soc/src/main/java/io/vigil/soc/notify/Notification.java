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
        StringBuilder out = new StringBuilder("{");
        m.forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(k).append("\":");
            if (v instanceof Number) {
                out.append(v);
            } else {
                quote(out, String.valueOf(v));
            }
        });
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
