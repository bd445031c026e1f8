package io.vigil.server.security;

import io.vigil.server.tenant.TenantResolver;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link AccessInterceptor} in front of every handler, before any other interceptor. */
@Configuration(proxyBeanMethods = false)
class AccessWiring implements WebMvcConfigurer {

    private final TenantResolver tenants;

    AccessWiring(TenantResolver tenants) {
        this.tenants = tenants;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // After the audit interceptor, which notes the caller first so that a refusal here is still attributed.
        registry.addInterceptor(new AccessInterceptor(tenants)).order(Ordered.HIGHEST_PRECEDENCE + 10);
    }
}
