package io.vigil.core.api;

import java.util.List;
import java.util.Objects;

/**
 * The one error body every Vigil API answers with, REST and ingest alike: a stable machine-readable
 * code, a sentence for people, and every problem found with where it was found.
 *
 * @param error    stable code, e.g. {@code bad_request}, {@code unauthorized}, {@code not_found},
 *                 {@code payload_too_large}, {@code overloaded}
 * @param message  one sentence naming the problem
 * @param problems each problem with its location ({@code line 3, column 17}, a field name), possibly empty
 */
public record ApiError(String error, String message, List<Problem> problems) {

    public ApiError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, List.of());
    }

    /** @param location where the problem is, or {@code null} when it concerns the whole request */
    public record Problem(String location, String message) {
        public Problem {
            Objects.requireNonNull(message, "message");
        }
    }
}
