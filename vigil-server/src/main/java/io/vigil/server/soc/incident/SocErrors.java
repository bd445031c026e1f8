package io.vigil.server.soc.incident;

import io.vigil.core.api.ApiError;
import io.vigil.soc.incident.ConcurrentChangeException;
import io.vigil.soc.incident.IncidentNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The engine's own exceptions as {@link ApiError}s: an unknown (or another tenant's) incident is 404, a lost race 409. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SocErrors {

    @ExceptionHandler(IncidentNotFoundException.class)
    ResponseEntity<ApiError> notFound(IncidentNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", e.getMessage()));
    }

    @ExceptionHandler(ConcurrentChangeException.class)
    ResponseEntity<ApiError> conflict(ConcurrentChangeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("conflict", e.getMessage()));
    }
}
