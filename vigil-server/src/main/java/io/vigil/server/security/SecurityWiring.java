package io.vigil.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.api.ApiError;
import io.vigil.store.apitoken.ApiTokens;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    /** The one permission tokens carry today: full platform administration. */
    static final String PLATFORM_ADMIN = "platform-admin";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ObjectMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens only: no ambient credential a browser could replay
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(PLATFORM_ADMIN)
                        // single sign-on: the provider list, starting a login and the provider's callback (@Public)
                        .requestMatchers("/api/v1/auth/oidc", "/api/v1/auth/oidc/**").permitAll()
                        .requestMatchers("/api/v1/**").hasAuthority(PLATFORM_ADMIN)
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> write(response, json, 401,
                                ApiError.of("unauthorized", "authentication required: send 'Authorization: Bearer <api token>'")))
                        .accessDeniedHandler((request, response, e) -> write(response, json, 403,
                                ApiError.of("forbidden", "this token is not allowed to do that"))));
        return http.build();
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
