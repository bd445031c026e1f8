package io.vigil.server.api;

import io.vigil.core.api.ApiError.Problem;
import java.util.List;

/** A request with one or more problems, all reported together. */
public final class InvalidRequestException extends RuntimeException {

    private final transient List<Problem> problems;

    public InvalidRequestException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
