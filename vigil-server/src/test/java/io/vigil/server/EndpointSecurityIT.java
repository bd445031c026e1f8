package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint the application maps and proves that none answers without authentication, and
 * that an unknown or revoked token is no better than none. A new endpoint is covered automatically.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndpointSecurityIT extends ServerTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(String method, String path) {
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (var mapping : mappings.getHandlerMethods().entrySet()) {
            if (mapping.getValue().getBeanType() == BasicErrorController.class) {
                continue; // renders errors the container forwards; not an API endpoint
            }
            if (mapping.getValue().hasMethodAnnotation(io.vigil.server.security.Public.class)) {
                continue; // open by design (logging in); SecurityWiring lists it as open
            }
            RequestMappingInfo info = mapping.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replace("{tenant}", "acme").replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000001");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method.name(), path));
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyApplicationEndpointIsFound() {
        assertThat(endpoints()).extracting(Endpoint::path)
                .contains("/api/v1/platform/tenants", "/api/v1/tenants/acme/ingest-keys", "/api/v1/tenants/acme/events",
                        "/api/v1/tenants/acme/failures", "/api/v1/tenants/acme/detections",
                        "/api/v1/platform/rules", "/api/v1/tenants/acme/rules", "/api/v1/tenants/acme/exceptions",
                        "/api/v1/tenants/acme/rules/00000000-0000-0000-0000-000000000001/enabled");
    }

    @Test
    void everyEndpointRefusesRequestsWithoutAValidToken() {
        tenantWithKey("acme");
        for (Endpoint endpoint : endpoints()) {
            Object body = Set.of("POST", "PATCH", "PUT").contains(endpoint.method()) ? java.util.Map.of() : null;
            assertThat(api(endpoint.method(), endpoint.path(), body, null).status())
                    .as("%s %s without a token", endpoint.method(), endpoint.path()).isEqualTo(401);
            assertThat(api(endpoint.method(), endpoint.path(), body, "vga_forged-token-that-does-not-exist-0000").status())
                    .as("%s %s with a forged token", endpoint.method(), endpoint.path()).isEqualTo(401);
        }
    }

    @Test
    void unmappedPathsAreDeniedNotOpen() {
        assertThat(api("GET", "/anything-else", null, null).status()).isEqualTo(401);
        assertThat(api("GET", "/actuator/env", null, null).status()).isEqualTo(401);
    }
}
