package io.vigil.soc.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something a condition finds wrong right now.
 *
 * @param kind    what it is about
 * @param key     which thing of that kind (a journal directory, a certificate's serial): one alert is open per kind
 *                and key at a time
 * @param summary one line for the operator, with the cause
 * @param details further facts as the operator needs them (path, free bytes, since); never secrets
 */
public record PlatformProblem(PlatformAlertKind kind, String key, String summary, Map<String, String> details) {

    public PlatformProblem {
        Objects.requireNonNull(kind, "kind");
        if (key == null || key.isBlank() || key.length() > 500) {
            throw new IllegalArgumentException("a platform problem needs a key of 1-500 characters");
        }
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a platform problem needs a summary");
        }
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
