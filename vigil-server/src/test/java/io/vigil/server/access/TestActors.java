package io.vigil.server.access;

import io.vigil.server.security.VigilPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test only: lets an integration test act as a named {@link VigilPrincipal} by sending {@code X-Test-Actor: <name>}
 * along with the bootstrap API token, until accounts and sessions produce real principals. The filter runs after
 * Spring Security has authenticated the token and replaces the authenticated principal for the rest of the request.
 * Also supplies the in-memory audit log the access feature records into.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestActors {

    public static final String HEADER = "X-Test-Actor";

    private final Map<String, VigilPrincipal> actors = new ConcurrentHashMap<>();

    public void register(String name, VigilPrincipal principal) {
        actors.put(name, principal);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> testActorFilter() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String name = request.getHeader(HEADER);
                VigilPrincipal principal = name == null ? null : actors.get(name);
                if (principal == null || SecurityContextHolder.getContext().getAuthentication() == null) {
                    chain.doFilter(request, response);
                    return;
                }
                SecurityContext previous = SecurityContextHolder.getContext();
                SecurityContext acting = SecurityContextHolder.createEmptyContext();
                acting.setAuthentication(new UsernamePasswordAuthenticationToken(principal, null, List.of()));
                SecurityContextHolder.setContext(acting);
                try {
                    chain.doFilter(request, response);
                } finally {
                    SecurityContextHolder.setContext(previous);
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(0); // after Spring Security's filter chain (order -100)
        return registration;
    }
}
