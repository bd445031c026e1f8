package io.vigil.server.soc.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.api.InvalidRequestException;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.soc.contract.ContractDocument;
import io.vigil.store.soc.contract.JdbcContracts;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's service contract: {@code GET} answers the contract in force (the defaults until one is stored),
 * {@code PUT} replaces it after checking every field (all problems at once, each with its JSON path).
 */
@RestController
class ContractController {

    private final SlaFeature sla;
    private final TenantResolver resolver;
    private final ObjectMapper json;

    ContractController(SlaFeature sla, TenantResolver resolver, ObjectMapper json) {
        this.sla = sla;
        this.resolver = resolver;
        this.json = json;
    }

    /**
     * @param stored   false while the tenant has no contract of its own and the defaults apply
     * @param version  how many times it was saved (0 for the defaults)
     */
    record ContractView(String tenant, boolean stored, int version, Instant changedAt, String changedBy, JsonNode contract) {
    }

    @Requires(Permission.TENANT_READ)
    @GetMapping("/api/v1/tenants/{tenant}/contract")
    ContractView contract(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        Optional<JdbcContracts.StoredContract> stored = sla.contracts().stored(scope.id());
        return stored.map(s -> view(scope, s))
                .orElseGet(() -> new ContractView(scope.slug().value(), false, 0, null, null,
                        ContractDocument.write(sla.contracts().effective(scope.id()), json)));
    }

    @Requires(Permission.CONTRACT_MANAGE)
    @PutMapping("/api/v1/tenants/{tenant}/contract")
    ContractView replace(@PathVariable String tenant, HttpServletRequest request, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        JsonNode body = BoundedJson.read(request, json);
        return switch (ContractDocument.parse(body, scope.timezone())) {
            case ContractDocument.Parsed.Invalid invalid -> throw new InvalidRequestException(
                    "invalid contract: " + invalid.problems().size() + " problem(s)", invalid.problems());
            case ContractDocument.Parsed.Valid valid -> view(scope, sla.contracts().save(scope.id(), valid.contract(),
                    caller == null ? "unknown" : caller.getName()));
        };
    }

    private ContractView view(Tenant tenant, JdbcContracts.StoredContract stored) {
        return new ContractView(tenant.slug().value(), true, stored.version(), stored.changedAt(), stored.changedBy(),
                ContractDocument.write(stored.contract(), json));
    }
}
