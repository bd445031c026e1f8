package io.vigil.server.api;

import io.vigil.core.api.ApiError.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every problem of a request before rejecting it. */
public final class Validation {

    private final List<Problem> problems = new ArrayList<>();

    /** Runs {@code parse}; an {@link IllegalArgumentException} becomes a problem at {@code field}. */
    public <T> T field(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(new Problem(field, e.getMessage() == null ? "required" : e.getMessage()));
            return null;
        }
    }

    public void require(boolean condition, String field, String message) {
        if (!condition) {
            problems.add(new Problem(field, message));
        }
    }

    public void throwIfInvalid(String what) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("invalid " + what + ": " + problems.size() + " problem(s)", problems);
        }
    }
}
