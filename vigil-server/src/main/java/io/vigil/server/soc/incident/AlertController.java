package io.vigil.server.soc.incident;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.IncidentQuery;
import io.vigil.soc.triage.TuningSuggestions;
import io.vigil.store.soc.incident.JdbcIncidents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's alerts (detections after triage), newest activity first, each with its incident, and the dispositions
 * summarised per rule as tuning suggestions. Both read the {@value #SCOPE} most recently updated incidents.
 */
@Requires(Permission.INCIDENTS_READ)
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/alerts")
class AlertController {

    static final int SCOPE = IncidentQuery.MAX_LIMIT;

    private final JdbcIncidents incidents;
    private final TenantResolver resolver;

    AlertController(JdbcIncidents incidents, TenantResolver resolver) {
        this.incidents = incidents;
        this.resolver = resolver;
    }

    record AlertItem(String incidentId, String incidentState, IncidentView.AlertView alert) {
    }

    record Page(List<AlertItem> items) {
    }

    @GetMapping
    Page list(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit) {
        TenantId scope = resolver.resolve(tenant).id();
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1-1000, was " + limit);
        }
        List<AlertItem> items = new ArrayList<>();
        for (Incident i : incidents.list(scope, new IncidentQuery(null, SCOPE))) {
            i.alerts().forEach(a -> items.add(new AlertItem(i.id().toString(), i.state().code(), IncidentView.AlertView.of(a))));
        }
        items.sort(Comparator.comparing((AlertItem a) -> a.alert().lastSeen()).reversed());
        return new Page(items.stream().limit(limit).toList());
    }

    @GetMapping("/tuning")
    List<TuningSuggestions.RuleSummary> tuning(@PathVariable String tenant) {
        TenantId scope = resolver.resolve(tenant).id();
        return TuningSuggestions.of(incidents.list(scope, new IncidentQuery(null, SCOPE)));
    }
}
