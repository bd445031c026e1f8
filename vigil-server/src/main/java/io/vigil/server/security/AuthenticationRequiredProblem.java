package io.vigil.server.security;

/** The endpoint needs an authenticated caller and the request has none (401). */
public final class AuthenticationRequiredProblem extends RuntimeException {

    public AuthenticationRequiredProblem() {
        super("authentication required: send 'Authorization: Bearer <api token>' or log in", null, false, false);
    }
}
