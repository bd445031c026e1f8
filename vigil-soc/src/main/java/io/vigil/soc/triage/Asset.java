package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant's system or site. Alerts are matched to it through its name and identifiers (hostnames, IPs, FQDNs),
 * case-insensitively.
 *
 * @param criticalWeakness a known critical weakness (an unpatched exposed service...): repeated low signals against it
 *                         roll up sooner, like against a crown jewel
 */
public record Asset(UUID id, TenantId tenant, String name, List<String> identifiers, String owner,
                    Criticality criticality, boolean crownJewel, boolean criticalWeakness, String site) {

    public static final int MAX_IDENTIFIERS = 50;

    public Asset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add("name is required (1-200 characters)");
        }
        identifiers = identifiers == null ? List.of() : identifiers.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (identifiers.size() > MAX_IDENTIFIERS || identifiers.stream().anyMatch(s -> s.length() > 255)) {
            problems.add("at most " + MAX_IDENTIFIERS + " identifiers of at most 255 characters");
        }
        if (owner != null && owner.length() > 200) {
            problems.add("owner is longer than 200 characters");
        }
        if (site != null && site.length() > 200) {
            problems.add("site is longer than 200 characters");
        }
        if (criticality == null) {
            problems.add("criticality is required (low, medium, high, critical)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("asset " + (name == null || name.isBlank() ? "" : "'" + name + "' ") + "is invalid: "
                    + String.join("; ", problems));
        }
    }

    /** True if one of the values names this asset. */
    public boolean matches(java.util.Collection<String> values) {
        for (String v : values) {
            if (v == null) {
                continue;
            }
            String lower = v.toLowerCase(Locale.ROOT);
            if (name.toLowerCase(Locale.ROOT).equals(lower)
                    || identifiers.stream().anyMatch(i -> i.toLowerCase(Locale.ROOT).equals(lower))) {
                return true;
            }
        }
        return false;
    }
}
