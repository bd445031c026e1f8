package io.vigil.server.soc.sla;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.core.access.Permission;
import io.vigil.core.api.ApiError.Problem;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.api.InvalidRequestException;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.regulatory.Regime;
import io.vigil.soc.regulatory.RegulatoryClock;
import io.vigil.soc.regulatory.Step;
import io.vigil.soc.regulatory.StepStatus;
import io.vigil.soc.sla.IncidentClocks;
import io.vigil.soc.sla.SlaSubject;
import io.vigil.store.DuplicateException;
import io.vigil.store.NotFoundException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Regulatory clocks of an incident: start a NIS-2 or GDPR clock from the moment of awareness, write each report's
 * draft, mark it submitted. The incident must exist for the tenant (through the incidents feature); reading needs
 * {@code incidents.read}, changing {@code regulatory.manage}.
 */
@RestController
class RegulatoryController {

    static final Duration MAX_AWARENESS_AGE = Duration.ofDays(366);

    private final SlaFeature sla;
    private final TenantResolver resolver;
    private final ObjectMapper json;

    RegulatoryController(SlaFeature sla, TenantResolver resolver, ObjectMapper json) {
        this.sla = sla;
        this.resolver = resolver;
        this.json = json;
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping("/api/v1/tenants/{tenant}/incidents/{incidentId}/regulatory")
    List<ClockViews.RegulatoryView> list(@PathVariable String tenant, @PathVariable UUID incidentId) {
        Tenant scope = resolver.resolve(tenant);
        SlaSubject subject = sla.incident(scope, incidentId);
        return views(scope, subject);
    }

    @Requires(Permission.REGULATORY_MANAGE)
    @PostMapping("/api/v1/tenants/{tenant}/incidents/{incidentId}/regulatory/{regime}")
    @ResponseStatus(HttpStatus.CREATED)
    ClockViews.RegulatoryView start(@PathVariable String tenant, @PathVariable UUID incidentId, @PathVariable String regime,
                                    HttpServletRequest request, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        JsonNode body = BoundedJson.read(request, json);
        SlaSubject subject = sla.incident(scope, incidentId);
        Regime parsed = Regime.ofCode(regime);
        Instant now = sla.clock().instant();
        Instant awareAt = instant(body, "awareAt", now, now.minus(MAX_AWARENESS_AGE), now);
        sla.regulatory().start(scope.id(), incidentId, parsed, awareAt, author(caller)).orElseThrow(() ->
                new DuplicateException("incident " + incidentId + " has a " + parsed.code() + " clock already"));
        return views(scope, subject).stream().filter(v -> v.regime().equals(parsed.code())).findFirst().orElseThrow();
    }

    @Requires(Permission.REGULATORY_MANAGE)
    @PutMapping("/api/v1/tenants/{tenant}/incidents/{incidentId}/regulatory/{regime}/steps/{step}")
    ClockViews.StepView draft(@PathVariable String tenant, @PathVariable UUID incidentId, @PathVariable String regime,
                              @PathVariable String step, HttpServletRequest request, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        JsonNode body = BoundedJson.read(request, json);
        SlaSubject subject = sla.incident(scope, incidentId);
        Step parsed = Step.of(Regime.ofCode(regime), step);
        clock(scope, incidentId, parsed.regime());
        Map<String, String> draft = draft(parsed, body);
        if (!sla.regulatory().saveDraft(scope.id(), incidentId, parsed, draft, author(caller))) {
            throw new DuplicateException("the " + parsed.clock() + " of incident " + incidentId
                    + " is submitted and can no longer change");
        }
        return step(scope, subject, parsed);
    }

    @Requires(Permission.REGULATORY_MANAGE)
    @PostMapping("/api/v1/tenants/{tenant}/incidents/{incidentId}/regulatory/{regime}/steps/{step}/submit")
    ClockViews.StepView submit(@PathVariable String tenant, @PathVariable UUID incidentId, @PathVariable String regime,
                               @PathVariable String step, HttpServletRequest request, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        JsonNode body = BoundedJson.read(request, json);
        SlaSubject subject = sla.incident(scope, incidentId);
        Step parsed = Step.of(Regime.ofCode(regime), step);
        RegulatoryClock clock = clock(scope, incidentId, parsed.regime());
        Instant now = sla.clock().instant();
        Instant submittedAt = instant(body, "submittedAt", now, clock.awareAt(), now);
        StepStatus status = step(scope, subject, parsed, clock);
        if (status.submittedAt() != null) {
            throw new DuplicateException("the " + parsed.clock() + " of incident " + incidentId + " was submitted at "
                    + status.submittedAt());
        }
        List<String> missing = new ArrayList<>(status.missing());
        if (parsed == Step.GDPR_NOTIFICATION && status.dueAt() != null && submittedAt.isAfter(status.dueAt())
                && status.draft().getOrDefault("delayReasons", "").isBlank() && !missing.contains("delayReasons")) {
            missing.add("delayReasons");
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("the " + parsed.clock() + " draft lacks " + missing.size() + " required item(s)",
                    missing.stream().map(name -> new Problem("draft." + name, "required: " + parsed.fields().stream()
                            .filter(f -> f.name().equals(name)).findFirst().map(f -> f.asks()).orElse(name))).toList());
        }
        sla.regulatory().submit(scope.id(), incidentId, parsed, submittedAt, author(caller));
        return step(scope, subject, parsed);
    }

    private RegulatoryClock clock(Tenant scope, UUID incidentId, Regime regime) {
        return sla.regulatory().find(scope.id(), incidentId, regime).orElseThrow(() -> new NotFoundException(
                "incident " + incidentId + " has no " + regime.code() + " clock; start it first"));
    }

    private List<ClockViews.RegulatoryView> views(Tenant scope, SlaSubject subject) {
        IncidentClocks clocks = sla.clocks(sla.contracts().effective(scope.id()), subject);
        return clocks.regulatory().stream().map(ClockViews::of).toList();
    }

    private ClockViews.StepView step(Tenant scope, SlaSubject subject, Step step) {
        return ClockViews.of(step(scope, subject, step, clock(scope, subject.incidentId(), step.regime())));
    }

    private StepStatus step(Tenant scope, SlaSubject subject, Step step, RegulatoryClock clock) {
        IncidentClocks clocks = io.vigil.soc.sla.IncidentClocks.of(sla.contracts().effective(scope.id()), subject,
                List.of(clock), sla.settings().reminderPermille(), sla.clock().instant());
        return clocks.regulatory().getFirst().steps().stream().filter(s -> s.step() == step).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + step.clock() + " step"));
    }

    /** A draft object: known fields of the step, text values, within bounds; every problem at once. */
    private static Map<String, String> draft(Step step, JsonNode body) {
        JsonNode draft = body == null ? null : body.get("draft");
        if (draft == null || !draft.isObject()) {
            throw new InvalidRequestException("invalid draft", List.of(new Problem("draft", "an object of field → text")));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        if (draft.size() > step.fields().size()) {
            problems.add(new Problem("draft", "at most " + step.fields().size() + " fields"));
        } else {
            draft.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    values.put(e.getKey(), e.getValue().asText());
                } else if (!e.getValue().isNull()) {
                    problems.add(new Problem("draft." + e.getKey(), "must be text"));
                }
            });
            for (String problem : step.problems(values)) {
                problems.add(new Problem("draft." + problem.substring(0, problem.indexOf(':')),
                        problem.substring(problem.indexOf(':') + 2)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("invalid " + step.clock() + " draft: " + problems.size() + " problem(s)", problems);
        }
        return values;
    }

    /** An optional instant of the body within {@code [earliest, latest]}, else {@code fallback}. */
    private static Instant instant(JsonNode body, String field, Instant fallback, Instant earliest, Instant latest) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        Instant value;
        try {
            value = Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid " + field, List.of(new Problem(field,
                    "an ISO-8601 instant such as 2025-03-01T10:00:00Z, not '" + node.asText() + "'")));
        }
        if (value.isBefore(earliest) || value.isAfter(latest)) {
            throw new InvalidRequestException("invalid " + field, List.of(new Problem(field,
                    "must be between " + earliest + " and " + latest + " (not in the future)")));
        }
        return value;
    }

    private static String author(Principal caller) {
        return caller == null ? "unknown" : caller.getName();
    }
}
