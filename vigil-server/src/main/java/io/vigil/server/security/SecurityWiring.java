package io.vigil.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.access.Permission;
import io.vigil.core.api.ApiError;
import io.vigil.store.apitoken.ApiTokens;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Authentication and authorisation for every HTTP endpoint, in one place. Requests authenticate with an
 * API token ({@code Authorization: Bearer vga_…}); only health probes are open. Anything not listed is
 * denied, so an endpoint added without a rule here is unreachable rather than open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityWiring {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, Users users, PrincipalFactory principals, ObjectMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens only: no ambient credential a browser could replay
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenFilter(tokens, users, principals), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/actuator/**").access(SecurityWiring::mayOperate)
                        // single sign-on: the provider list, starting a login and the provider's callback (@Public)
                        .requestMatchers("/api/v1/auth/oidc", "/api/v1/auth/oidc/**").permitAll()
                        .requestMatchers("/api/v1/**").authenticated()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> write(response, json, 401,
                                ApiError.of("unauthorized", "authentication required: send 'Authorization: Bearer <api token>'")))
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
