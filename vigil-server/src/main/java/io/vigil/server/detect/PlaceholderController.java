package io.vigil.server.detect;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.sigma.SigmaRules;
import io.vigil.store.NotFoundException;
import io.vigil.store.rules.PlaceholderValues;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Values of Sigma {@code |expand} placeholders: MSSP-wide defaults ({@code /api/v1/platform/placeholders}) and a
 * tenant's own ({@code /api/v1/tenants/{tenant}/placeholders}), which override a default of the same name. Each
 * change publishes a {@link RulesChanged}, so the rules using the placeholder are recompiled for the tenant (or for
 * every tenant) before the next event.
 */
@RestController
class PlaceholderController {

    static final int MAX_NAME = 64;
    static final int MAX_VALUES = 1_000;
    static final int MAX_VALUE_CHARS = 1_024;

    private final PlaceholderValues placeholders;
    private final TenantResolver resolver;
    private final ApplicationEventPublisher events;

    PlaceholderController(PlaceholderValues placeholders, TenantResolver resolver, ApplicationEventPublisher events) {
        this.placeholders = placeholders;
        this.resolver = resolver;
        this.events = events;
    }

    record ValuesBody(List<String> values) {
    }

    /**
     * @param own      the tenant's own values (empty for a platform default)
     * @param effective what the tenant's rules compile with: its own values, else the MSSP-wide default
     * @param source   {@code tenant} or {@code mssp}: where the effective values come from
     */
    record PlaceholderView(String name, List<String> own, List<String> effective, String source) {
    }

    @Requires(Permission.RULES_READ)
    @GetMapping("/api/v1/tenants/{tenant}/placeholders")
    List<PlaceholderView> tenantPlaceholders(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        Map<String, List<String>> own = placeholders.list(scope.id());
        return placeholders.effective(scope.id()).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new PlaceholderView(e.getKey(), own.getOrDefault(e.getKey(), List.of()), e.getValue(),
                        own.containsKey(e.getKey()) ? "tenant" : "mssp"))
                .toList();
    }

    @Requires(Permission.RULES_MANAGE)
    @PutMapping("/api/v1/tenants/{tenant}/placeholders/{name}")
    PlaceholderView setTenantPlaceholder(@PathVariable String tenant, @PathVariable String name,
                                         @RequestBody ValuesBody body, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        List<String> values = validated(name, body);
        placeholders.set(scope.id(), name, values, author(caller));
        events.publishEvent(new RulesChanged(scope.id()));
        return new PlaceholderView(name, values, values, "tenant");
    }

    @Requires(Permission.RULES_MANAGE)
    @DeleteMapping("/api/v1/tenants/{tenant}/placeholders/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTenantPlaceholder(@PathVariable String tenant, @PathVariable String name) {
        Tenant scope = resolver.resolve(tenant);
        if (!placeholders.delete(scope.id(), name)) {
            throw new NotFoundException("tenant " + tenant + " has no values for placeholder '" + name + "'");
        }
        events.publishEvent(new RulesChanged(scope.id()));
    }

    @Requires(Permission.PLATFORM_RULES_MANAGE)
    @GetMapping("/api/v1/platform/placeholders")
    List<PlaceholderView> platformPlaceholders() {
        return placeholders.listPlatform().entrySet().stream()
                .map(e -> new PlaceholderView(e.getKey(), e.getValue(), e.getValue(), "mssp")).toList();
    }

    @Requires(Permission.PLATFORM_RULES_MANAGE)
    @PutMapping("/api/v1/platform/placeholders/{name}")
    PlaceholderView setPlatformPlaceholder(@PathVariable String name, @RequestBody ValuesBody body, Principal caller) {
        List<String> values = validated(name, body);
        placeholders.setPlatform(name, values, author(caller));
        events.publishEvent(RulesChanged.msspWide());
        return new PlaceholderView(name, values, values, "mssp");
    }

    @Requires(Permission.PLATFORM_RULES_MANAGE)
    @DeleteMapping("/api/v1/platform/placeholders/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePlatformPlaceholder(@PathVariable String name) {
        if (!placeholders.deletePlatform(name)) {
            throw new NotFoundException("no MSSP-wide values for placeholder '" + name + "'");
        }
        events.publishEvent(RulesChanged.msspWide());
    }

    /** Names as the spec writes them between percent signs; values are Sigma strings on one line each. */
    static List<String> validated(String name, ValuesBody body) {
        Validation validation = new Validation();
        validation.require(name.length() <= MAX_NAME && SigmaRules.isPlaceholderName(name), "name",
                "a placeholder name is 1-" + MAX_NAME + " letters, digits, '_', '-' or '.' (without the % signs)");
        List<String> values = body == null || body.values() == null ? List.of() : body.values();
        validation.require(!values.isEmpty() && values.size() <= MAX_VALUES, "values",
                "1-" + MAX_VALUES + " values required");
        for (int i = 0; i < values.size() && i < MAX_VALUES; i++) {
            String value = values.get(i);
            validation.require(value != null && value.length() <= MAX_VALUE_CHARS
                            && value.chars().noneMatch(Character::isISOControl), "values[" + i + "]",
                    "a value is a string of at most " + MAX_VALUE_CHARS + " characters without control characters");
        }
        validation.throwIfInvalid("placeholder");
        return List.copyOf(values);
    }

    private static String author(Principal caller) {
        return caller == null ? "unknown" : caller.getName();
    }
}
