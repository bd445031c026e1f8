package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detection as triage sees it: one rule matching one event of one tenant.
 *
 * @param eventId   the event's id, or null (a silent-source signal has none)
 * @param level     the rule's level (informational, low, medium, high, critical), or null
 * @param entities  {@code host}, {@code user} and {@code ip} as far as the event names them
 * @param tags      the rule's tags; {@code attack.tNNNN[.NNN]} become ATT&amp;CK techniques
 * @param eventTime when the event happened
 */
public record Signal(TenantId tenant, String eventId, String ruleId, String title, String level, List<String> tags,
                     Map<String, String> entities, Instant eventTime, Confidence confidence) {

    public static final Set<String> ENTITY_KEYS = Set.of("host", "user", "ip");
    private static final Pattern TECHNIQUE = Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)");

    public Signal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(title, "title");
        tags = tags == null ? List.of() : List.copyOf(tags);
        Map<String, String> clean = new LinkedHashMap<>();
        if (entities != null) {
            entities.forEach((k, v) -> {
                if (ENTITY_KEYS.contains(k) && v != null && !v.isBlank()) {
                    clean.put(k, v.length() > 255 ? v.substring(0, 255) : v);
                }
            });
        }
        entities = Map.copyOf(clean);
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(confidence, "confidence");
    }

    /** ATT&amp;CK technique ids from the tags, upper case. */
    public List<String> techniques() {
        List<String> out = new ArrayList<>();
        for (String tag : tags) {
            Matcher m = TECHNIQUE.matcher(tag.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                out.add(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Rule and entities: what an alert must share with an incident to join it. */
    public String groupKey() {
        return "rule|" + ruleId + "|host=" + lower("host") + "|user=" + lower("user") + "|ip=" + lower("ip");
    }

    private String lower(String key) {
        String v = entities.get(key);
        return v == null ? "" : v.toLowerCase(Locale.ROOT);
    }
}
