package io.vigil.server.auth.oidc;

import java.util.Map;
import java.util.Objects;

/**
 * Who signed in, as a provider vouched for it in a verified ID token. {@code (issuer, subject)} identifies the person
 * for good; the login, e-mail and name are what the provider says today and may change.
 *
 * @param providerId the configured provider's id
 * @param issuer     the ID token's {@code iss}
 * @param subject    the ID token's {@code sub}
 * @param login      {@code preferred_username}, else {@code email}, else the subject
 * @param email      {@code email}, {@code null} if absent
 * @param name       {@code name}, else the login
 * @param claims     every claim of the ID token
 */
public record OidcIdentity(String providerId, String issuer, String subject, String login, String email, String name,
                           Map<String, Object> claims) {

    public OidcIdentity {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(name, "name");
        claims = claims == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }

    /** Builds the identity from ID token claims, choosing the login and display name. */
    static OidcIdentity of(String providerId, Map<String, Object> claims) {
        String issuer = text(claims.get("iss"));
        String subject = text(claims.get("sub"));
        String email = text(claims.get("email"));
        String login = firstNonBlank(text(claims.get("preferred_username")), email, subject);
        String name = firstNonBlank(text(claims.get("name")), login, subject);
        return new OidcIdentity(providerId, issuer, subject, login, email, name, claims);
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
