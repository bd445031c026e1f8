package io.vigil.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.access.Permission;
import io.vigil.core.api.ApiError;
import io.vigil.server.auth.AuthAudit;
import io.vigil.server.auth.SessionFilter;
import io.vigil.store.apitoken.ApiTokens;
import io.vigil.store.identity.Sessions;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Authentication and authorisation for every HTTP endpoint, in one place. Requests authenticate with an
 * API token ({@code Authorization: Bearer vga_…}) or a browser session cookie; only health probes and the login
 * are open. Anything not listed is denied, so an endpoint added without a rule here is unreachable rather than
 * open. Which permission each endpoint needs is the business of its {@link Requires} annotation.
 */
@Configuration(proxyBeanMethods = false)
class SecurityWiring {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ObjectMapper json, Sessions sessions, Users users,
                            PrincipalFactory principals, AuthAudit audit) throws Exception {
        // Spring's CSRF protection is off: SessionFilter checks the session's own token on every state-changing
        // request that authenticates by cookie; bearer tokens are no ambient credential a browser could replay.
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenFilter(tokens, users, principals), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new SessionFilter(sessions, users, principals, audit, json), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/actuator/**").access(SecurityWiring::mayOperate)
                        // logging in (@Public): password login, and single sign-on's provider list, start and callback
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login").permitAll()
                        .requestMatchers("/api/v1/auth/oidc", "/api/v1/auth/oidc/**").permitAll()
                        .requestMatchers("/api/v1/**").authenticated()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> write(response, json, 401,
                                ApiError.of("unauthorized", "authentication required: send 'Authorization: Bearer <api token>' or log in")))
                        .accessDeniedHandler((request, response, e) -> write(response, json, 403,
                                ApiError.of("forbidden", "this token is not allowed to do that"))));
        return http.build();
    }

    /** Operational endpoints (metrics, Prometheus) need the platform permission {@code operate}. */
    private static AuthorizationDecision mayOperate(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(authentication.get().getPrincipal() instanceof VigilPrincipal principal
                && principal.access().can(Permission.OPERATE));
    }

    static void write(HttpServletResponse response, ObjectMapper json, int status, ApiError error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), error);
    }
}
