package io.vigil.server.security;

import io.vigil.store.apitoken.ApiToken;
import io.vigil.store.apitoken.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Turns a valid {@code Authorization: Bearer} API token into an authenticated principal. */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<ApiToken> token = tokens.verify(header.substring(7).strip());
            token.ifPresent(t -> {
                var authentication = new UsernamePasswordAuthenticationToken(new ApiPrincipal(t.id().toString(), t.label()),
                        null, List.of(new SimpleGrantedAuthority(t.scope())));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            });
        }
        chain.doFilter(request, response);
    }

    /**
     * Who called: an API token's id and label (never its secret). Its {@link #getName() name}, which controllers
     * see as {@code Authentication.getName()}, is the label.
     */
    record ApiPrincipal(String tokenId, String label) implements java.security.Principal {
        @Override
        public String getName() {
            return label;
        }

        @Override
        public String toString() {
            return "token:" + label + " (" + tokenId + ")";
        }
    }
}
