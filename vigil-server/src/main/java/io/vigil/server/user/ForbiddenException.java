package io.vigil.server.user;

/** The caller may reach the endpoint but not do this particular thing (grant a role above its own). */
final class ForbiddenException extends RuntimeException {

    ForbiddenException(String message) {
        super(message);
    }
}
