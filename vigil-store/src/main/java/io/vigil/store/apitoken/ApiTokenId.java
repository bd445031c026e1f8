package io.vigil.store.apitoken;

import java.util.Objects;
import java.util.UUID;

/** Identity of an API token. */
public record ApiTokenId(UUID value) {

    public ApiTokenId {
        Objects.requireNonNull(value, "API token id");
    }

    public static ApiTokenId random() {
        return new ApiTokenId(UUID.randomUUID());
    }

    public static ApiTokenId parse(String text) {
        return new ApiTokenId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
