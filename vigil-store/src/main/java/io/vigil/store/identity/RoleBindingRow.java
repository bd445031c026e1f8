package io.vigil.store.identity;

import io.vigil.core.access.RoleBinding;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A standing role binding as stored.
 *
 * @param source    {@code manual} (granted by an administrator) or {@code sso} (synchronised from the identity
 *                  provider's groups)
 * @param createdBy the login of who granted it, or the SSO issuer
 */
public record RoleBindingRow(UUID id, UUID userId, RoleBinding binding, String source, Instant createdAt,
                             String createdBy) {

    public static final String MANUAL = "manual";
    public static final String SSO = "sso";

    public RoleBindingRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(binding, "binding");
        source = requireSource(source);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    static String requireSource(String source) {
        if (!MANUAL.equals(source) && !SSO.equals(source)) {
            throw new IllegalArgumentException("role binding source must be 'manual' or 'sso', was '" + source + "'");
        }
        return source;
    }
}
