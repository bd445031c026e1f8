package io.vigil.server.soc.sla;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.sla.Compliance;
import io.vigil.soc.sla.MonthlyCompliance;
import io.vigil.soc.sla.SlaSubject;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Monthly SLA compliance of a tenant, and every clock of one incident. */
@RestController
class SlaController {

    private final SlaFeature sla;
    private final TenantResolver resolver;

    SlaController(SlaFeature sla, TenantResolver resolver) {
        this.sla = sla;
        this.resolver = resolver;
    }

    /**
     * @param timezone the zone the month is read in: the business-hours zone of the contract, else the tenant's
     */
    record ComplianceView(String tenant, String timezone, MonthlyCompliance compliance) {
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping("/api/v1/tenants/{tenant}/sla/compliance")
    ComplianceView compliance(@PathVariable String tenant, @RequestParam String month) {
        Tenant scope = resolver.resolve(tenant);
        YearMonth yearMonth;
        try {
            yearMonth = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month must be YYYY-MM, not '" + month + "'");
        }
        if (yearMonth.getYear() < 2000 || yearMonth.getYear() > 9999) {
            throw new IllegalArgumentException("month must be between 2000-01 and 9999-12, not '" + month + "'");
        }
        Contract contract = sla.contracts().effective(scope.id());
        ZoneId zone = contract.coverage() instanceof io.vigil.soc.contract.Coverage.BusinessHours hours ? hours.zone()
                : scope.timezone();
        Instant[] bounds = Compliance.bounds(yearMonth, zone);
        List<SlaSubject> subjects = sla.subjects().createdBetween(scope.id(), bounds[0], bounds[1]);
        return new ComplianceView(scope.slug().value(), zone.getId(),
                Compliance.month(contract, zone, yearMonth, subjects, sla.clock().instant()));
    }

    /** SLA clocks, regulatory deadlines and the alarms raised so far, for one incident. */
    @Requires(Permission.INCIDENTS_READ)
    @GetMapping("/api/v1/tenants/{tenant}/incidents/{incidentId}/clocks")
    ClockViews.IncidentClocksView clocks(@PathVariable String tenant, @PathVariable UUID incidentId) {
        Tenant scope = resolver.resolve(tenant);
        SlaSubject subject = sla.incident(scope, incidentId);
        return ClockViews.of(sla.clocks(sla.contracts().effective(scope.id()), subject), sla.alarms().list(scope.id(), incidentId));
    }
}
