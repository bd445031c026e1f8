package io.vigil.server.security;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.store.apitoken.ApiToken;
import io.vigil.store.apitoken.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Turns a valid {@code Authorization: Bearer} API token into an authenticated principal. */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final Clock clock;

    ApiTokenFilter(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<ApiToken> token = tokens.verify(header.substring(7).strip());
            token.ifPresent(t -> {
                Actor actor = new Actor(t.id().value(), t.label(), ActorKind.SERVICE, null);
                Access access = Access.of(List.of(RoleBinding.allTenants(Role.ofCode(t.scope()))), clock.instant());
                var principal = new VigilPrincipal(actor, access, VigilPrincipal.Method.API_TOKEN, t.id().toString(),
                        VigilPrincipal.Restriction.NONE);
                var authentication = new UsernamePasswordAuthenticationToken(principal, null, List.of());
                SecurityContextHolder.getContext().setAuthentication(authentication);
            });
        }
        chain.doFilter(request, response);
    }
}
