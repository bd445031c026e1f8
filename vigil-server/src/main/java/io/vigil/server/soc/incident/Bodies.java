package io.vigil.server.soc.incident;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Request bodies read with a bound, so that a huge upload is refused without being held in memory. */
final class Bodies {

    private Bodies() {
    }

    /** @throws IllegalArgumentException when the body is longer than {@code max} bytes */
    static byte[] read(HttpServletRequest request, int max, String what) {
        if (request.getContentLengthLong() > max) {
            throw new IllegalArgumentException(what + " is " + request.getContentLengthLong() + " bytes; at most " + max
                    + " are allowed");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new IllegalArgumentException(what + " is longer than " + max + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(HttpServletRequest request, int max, String what) {
        return new String(read(request, max, what), StandardCharsets.UTF_8);
    }
}
