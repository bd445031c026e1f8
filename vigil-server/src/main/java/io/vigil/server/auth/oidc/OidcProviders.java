package io.vigil.server.auth.oidc;

import io.vigil.store.NotFoundException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured identity providers, each with its client and its claim mapping, in configuration order. */
final class OidcProviders {

    record Configured(OidcClient client, OidcClaimMapping mapping) {
        String id() {
            return client.provider().id();
        }

        String displayName() {
            return client.provider().displayName();
        }
    }

    private final Map<String, Configured> byId = new LinkedHashMap<>();

    OidcProviders(OidcSettings settings, Clock clock) {
        ProviderHttp http = new ProviderHttp(settings.httpTimeout(), settings.maxResponseBytes());
        for (OidcSettings.Provider provider : settings.providers()) {
            byId.put(provider.id(), new Configured(new OidcClient(provider, settings, http, clock),
                    new OidcClaimMapping(provider.mapping())));
        }
    }

    Collection<Configured> all() {
        return byId.values();
    }

    /** @throws NotFoundException for an id that is not configured */
    Configured require(String id) {
        return Optional.ofNullable(byId.get(id))
                .orElseThrow(() -> new NotFoundException("no identity provider '" + id + "'"));
    }
}
