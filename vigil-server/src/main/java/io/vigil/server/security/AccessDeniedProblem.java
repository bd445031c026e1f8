package io.vigil.server.security;

/**
 * The caller is authenticated but may not do this (403). The message says what is missing, never what exists in a
 * tenant the caller cannot see.
 */
public final class AccessDeniedProblem extends RuntimeException {

    public AccessDeniedProblem(String message) {
        super(message, null, false, false);
    }
}
