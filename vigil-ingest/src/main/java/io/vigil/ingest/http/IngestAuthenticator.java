package io.vigil.ingest.http;

import java.util.Optional;

/**
 * Resolves a presented ingest key to the tenant it belongs to. Called for every request, so
 * implementations cache; a revoked key must stop working within a bound they document.
 */
@FunctionalInterface
public interface IngestAuthenticator {

    /** The principal of an active key, or empty for an unknown, malformed or revoked key. Never throws. */
    Optional<IngestPrincipal> authenticate(String presentedKey);
}
