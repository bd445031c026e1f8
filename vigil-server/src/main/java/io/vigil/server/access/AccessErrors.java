package io.vigil.server.access;

import io.vigil.core.api.ApiError;
import io.vigil.store.access.TransitionRefusedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The just-in-time failures beyond the common ones: a refused rule (403) and a state that moved on (409). */
@RestControllerAdvice(assignableTypes = AccessRequestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessErrors {

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<ApiError> refused(AccessRefusedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of("forbidden", e.getMessage()));
    }

    @ExceptionHandler(TransitionRefusedException.class)
    ResponseEntity<ApiError> conflict(TransitionRefusedException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("conflict", e.getMessage()));
    }
}
