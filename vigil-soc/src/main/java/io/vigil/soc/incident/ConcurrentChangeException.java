package io.vigil.soc.incident;

/** Another writer stored a newer version of the incident first; read it again and retry. */
public class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
