package io.vigil.server.soc.incident;

import io.vigil.server.security.VigilPrincipal;

/** The name the timeline records for the caller of a request. */
final class Callers {

    private Callers() {
    }

    static String name() {
        return VigilPrincipal.current().map(VigilPrincipal::getName).orElse("unknown");
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
