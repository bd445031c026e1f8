package io.vigil.server.soc.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body as JSON without ever holding more than a bound: a contract or a report draft is small, and a
 * body beyond the bound is refused before it is parsed.
 */
final class BoundedJson {

    /** Large enough for a contract with 1,000 holidays and every list at its maximum. */
    static final int MAX_BYTES = 256 * 1024;

    private BoundedJson() {
    }

    /** The body as JSON, or null when it is empty. */
    static JsonNode read(HttpServletRequest request, ObjectMapper json) {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BYTES) {
            throw new IllegalArgumentException("the request body is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON");
        }
    }
}
