package io.vigil.server.access;

/** A just-in-time rule refuses the caller (four-eyes, missing permission, a client asking for an MSSP role): 403. */
final class AccessRefusedException extends RuntimeException {

    AccessRefusedException(String message) {
        super(message);
    }
}
