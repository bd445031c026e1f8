package io.vigil.core.tenant;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The short, URL-safe, unique name of a tenant ({@code acme-energy}). Chosen at creation and never
 * changed, because collectors, scripts and URLs refer to it.
 */
public record TenantSlug(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public TenantSlug {
        Objects.requireNonNull(value, "tenant slug");
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("tenant slug must be 1-63 characters of a-z, 0-9 and '-', "
                    + "starting and ending with a letter or digit: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
