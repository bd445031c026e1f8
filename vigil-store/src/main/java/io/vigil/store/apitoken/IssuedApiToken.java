package io.vigil.store.apitoken;

import java.util.Objects;

/** A token just issued, with the only copy of its secret: hand it over once; it cannot be recovered. */
public record IssuedApiToken(ApiToken token, String secret) {

    public IssuedApiToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        // Records print every component; this one ends up in logs and assertion messages.
        return "IssuedApiToken[token=" + token + ", secret=***]";
    }
}
