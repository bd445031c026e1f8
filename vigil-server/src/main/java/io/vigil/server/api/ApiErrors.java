package io.vigil.server.api;

import io.vigil.core.api.ApiError;
import io.vigil.server.security.AccessDeniedProblem;
import io.vigil.server.security.AuthenticationRequiredProblem;
import io.vigil.store.DuplicateException;
import io.vigil.store.NotFoundException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps failures to the one {@link ApiError} body. Internal details never reach the client. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return status(HttpStatus.NOT_FOUND, ApiError.of("not_found", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedProblem.class)
    ResponseEntity<ApiError> forbidden(AccessDeniedProblem e) {
        return status(HttpStatus.FORBIDDEN, ApiError.of("forbidden", e.getMessage()));
    }

    @ExceptionHandler(AuthenticationRequiredProblem.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationRequiredProblem e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                .body(ApiError.of("unauthorized", e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noRoute(NoResourceFoundException e) {
        return status(HttpStatus.NOT_FOUND, ApiError.of("not_found", "no such endpoint: /" + e.getResourcePath()));
    }

    @ExceptionHandler(DuplicateException.class)
    ResponseEntity<ApiError> duplicate(DuplicateException e) {
        return status(HttpStatus.CONFLICT, ApiError.of("conflict", e.getMessage()));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ApiError> invalid(InvalidRequestException e) {
        return status(HttpStatus.BAD_REQUEST, new ApiError("bad_request", e.getMessage(), e.problems()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> illegal(IllegalArgumentException e) {
        return status(HttpStatus.BAD_REQUEST, ApiError.of("bad_request", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return status(HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "the request body is not valid JSON of the expected shape"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return status(HttpStatus.BAD_REQUEST, new ApiError("bad_request", "invalid value for '" + e.getName() + "'",
                List.of(new ApiError.Problem(e.getName(), "not a valid " + simpleName(e.getRequiredType())))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return status(HttpStatus.BAD_REQUEST, new ApiError("bad_request", "missing parameter '" + e.getParameterName() + "'",
                List.of(new ApiError.Problem(e.getParameterName(), "required"))));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return status(HttpStatus.METHOD_NOT_ALLOWED, ApiError.of("method_not_allowed", e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return status(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.of("unsupported_media_type", "send application/json"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        LOG.error("Request failed", e);
        return status(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("internal", "the request failed; the server log has details"));
    }

    private static ResponseEntity<ApiError> status(HttpStatus status, ApiError error) {
        return ResponseEntity.status(status).body(error);
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value" : type.getSimpleName();
    }
}
