package io.vigil.server.soc.incident;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import io.vigil.soc.incident.CaseWork;
import io.vigil.soc.incident.Disposition;
import io.vigil.soc.incident.EscalationPolicy;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.IncidentQuery;
import io.vigil.soc.incident.Observable;
import io.vigil.store.soc.incident.JdbcIncidents;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's incidents: read with incidents:read, worked with incidents:work. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/incidents")
class IncidentController {

    private final JdbcIncidents incidents;
    private final CaseWork work;
    private final TenantResolver resolver;
    private final Clock clock;

    IncidentController(JdbcIncidents incidents, CaseWork work, TenantResolver resolver, Clock clock) {
        this.incidents = incidents;
        this.work = work;
        this.resolver = resolver;
        this.clock = clock;
    }

    record Page(List<IncidentView.Summary> items, long total) {
    }

    record NewIncident(String title, String priority, String reason) {
    }

    record Assignment(String assignee) {
    }

    record StateRequest(String state, String reason) {
    }

    record PriorityRequest(String priority, String reason) {
    }

    record Reason(String reason) {
    }

    record TaskRequest(String title) {
    }

    record TechniqueRequest(String technique) {
    }

    record DispositionRequest(String disposition, String reason) {
    }

    record ObservableRequest(String type, String value) {
    }

    private TenantId scope(String tenant) {
        return resolver.resolve(tenant).id();
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping
    Page list(@PathVariable String tenant, @RequestParam(required = false) String state,
              @RequestParam(defaultValue = "100") int limit) {
        TenantId scope = scope(tenant);
        IncidentQuery query = new IncidentQuery(state == null ? null : IncidentState.ofCode(state), limit);
        return new Page(incidents.list(scope, query).stream().map(IncidentView.Summary::of).toList(), incidents.count(scope));
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping("/{incidentId}")
    IncidentView show(@PathVariable String tenant, @PathVariable UUID incidentId) {
        return IncidentView.of(work.get(scope(tenant), incidentId));
    }

    /** An incident an analyst opens by hand (a phone call from the client, a finding of a hunt). */
    @Requires(Permission.INCIDENTS_WORK)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView create(@PathVariable String tenant, @RequestBody NewIncident body) {
        TenantId scope = scope(tenant);
        String title = Callers.required("title", body.title());
        if (title.length() > 500) {
            throw new IllegalArgumentException("title is longer than 500 characters");
        }
        Priority priority = Priority.parse(body.priority());
        String reason = "set by " + Callers.name() + (body.reason() == null ? "" : ": " + body.reason());
        Tier tier = EscalationPolicy.DEFAULTS.initialTier(priority);
        Incident incident = Incident.open(UUID.randomUUID(), scope, title, priority, reason, tier, "manual",
                "manual|" + UUID.randomUUID(), clock.instant(), clock.instant()).build();
        return IncidentView.of(incidents.insert(scope, incident));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PostMapping("/{incidentId}/acknowledge")
    IncidentView acknowledge(@PathVariable String tenant, @PathVariable UUID incidentId) {
        return IncidentView.of(work.acknowledge(scope(tenant), incidentId, Callers.name()));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PutMapping("/{incidentId}/assignee")
    IncidentView assign(@PathVariable String tenant, @PathVariable UUID incidentId, @RequestBody Assignment body) {
        return IncidentView.of(work.assign(scope(tenant), incidentId, Callers.name(), body.assignee()));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PutMapping("/{incidentId}/state")
    IncidentView state(@PathVariable String tenant, @PathVariable UUID incidentId, @RequestBody StateRequest body) {
        TenantId scope = scope(tenant);
        return IncidentView.of(work.changeState(scope, incidentId, Callers.name(),
                IncidentState.ofCode(Callers.required("state", body.state())), body.reason()));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PutMapping("/{incidentId}/priority")
    IncidentView priority(@PathVariable String tenant, @PathVariable UUID incidentId, @RequestBody PriorityRequest body) {
        TenantId scope = scope(tenant);
        return IncidentView.of(work.setPriority(scope, incidentId, Callers.name(), Priority.parse(body.priority()),
                body.reason()));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PostMapping("/{incidentId}/escalate")
    IncidentView escalate(@PathVariable String tenant, @PathVariable UUID incidentId, @RequestBody(required = false) Reason body) {
        return IncidentView.of(work.escalate(scope(tenant), incidentId, Callers.name(), body == null ? null : body.reason()));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PostMapping("/{incidentId}/tasks")
    IncidentView task(@PathVariable String tenant, @PathVariable UUID incidentId, @RequestBody TaskRequest body) {
        return IncidentView.of(work.addTask(scope(tenant), incidentId, Callers.name(), body.title()));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PutMapping("/{incidentId}/tasks/{taskId}/done")
    IncidentView taskDone(@PathVariable String tenant, @PathVariable UUID incidentId, @PathVariable UUID taskId) {
        return IncidentView.of(work.completeTask(scope(tenant), incidentId, Callers.name(), taskId));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PostMapping("/{incidentId}/observables")
    IncidentView observable(@PathVariable String tenant, @PathVariable UUID incidentId, @RequestBody ObservableRequest body) {
        TenantId scope = scope(tenant);
        return IncidentView.of(work.addObservable(scope, incidentId, Callers.name(), new Observable(body.type(), body.value())));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PostMapping("/{incidentId}/techniques")
    IncidentView technique(@PathVariable String tenant, @PathVariable UUID incidentId, @RequestBody TechniqueRequest body) {
        return IncidentView.of(work.addTechnique(scope(tenant), incidentId, Callers.name(), body.technique()));
    }

    @Requires(Permission.INCIDENTS_WORK)
    @PutMapping("/{incidentId}/alerts/{alertId}/disposition")
    IncidentView disposition(@PathVariable String tenant, @PathVariable UUID incidentId, @PathVariable UUID alertId,
                             @RequestBody DispositionRequest body) {
        TenantId scope = scope(tenant);
        return IncidentView.of(work.dispose(scope, incidentId, Callers.name(), alertId,
                Disposition.ofCode(Callers.required("disposition", body.disposition())), body.reason()));
    }
}
