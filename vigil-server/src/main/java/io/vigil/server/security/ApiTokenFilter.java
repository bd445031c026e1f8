package io.vigil.server.security;

import io.vigil.store.apitoken.ApiToken;
import io.vigil.store.apitoken.ApiTokens;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a valid {@code Authorization: Bearer} API token into the principal of its owner, with the owner's access
 * narrowed to the token's tenants and permissions. A token of a disabled account authenticates nobody.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final Users users;
    private final PrincipalFactory principals;

    ApiTokenFilter(ApiTokens tokens, Users users, PrincipalFactory principals) {
        this.tokens = tokens;
        this.users = users;
        this.principals = principals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<ApiToken> token = tokens.verify(header.substring(7).strip());
            token.ifPresent(t -> users.find(t.owner()).filter(owner -> !owner.disabled()).ifPresent(owner -> {
                VigilPrincipal principal = principal(t, owner);
                request.setAttribute(AccessAttributes.PRINCIPAL, principal);
                SecurityContextHolder.getContext().setAuthentication(
                        new UsernamePasswordAuthenticationToken(principal, null, List.of()));
            }));
        }
        chain.doFilter(request, response);
    }

    private VigilPrincipal principal(ApiToken token, UserAccount owner) {
        VigilPrincipal full = principals.forAccount(owner, VigilPrincipal.Method.API_TOKEN, token.id().toString(),
                VigilPrincipal.Restriction.NONE);
        if (token.tenants() == null && token.permissions() == null) {
            return full;
        }
        return new VigilPrincipal(full.actor(), full.access().restrictTo(token.tenants(), token.permissions()),
                full.method(), full.credentialId(), full.restriction());
    }
}
