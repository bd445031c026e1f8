package io.vigil.core.event;

import java.util.Objects;

/**
 * Where raw bytes came from and how to read them.
 *
 * @param input  the transport that received them ({@code http}, later {@code syslog-tls}, {@code mqtt})
 * @param name   the sending system as far as the transport knows it (an ingest key's label, a
 *               certificate's collector name, a peer address)
 * @param codec  the decoder to apply ({@code json}); transports choose it, they never decode
 */
public record SourceRef(String input, String name, String codec) {

    public static final int MAX_LENGTH = 200;

    public SourceRef {
        input = bounded(input, "input");
        name = bounded(name, "name");
        codec = bounded(codec, "codec");
    }

    private static String bounded(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("source " + what + " must be 1-" + MAX_LENGTH + " characters");
        }
        return value;
    }
}
