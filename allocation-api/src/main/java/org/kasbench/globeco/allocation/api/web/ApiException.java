package org.kasbench.globeco.allocation.api.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/** A request the API answers with an error of the shared shape; the message is safe to show callers. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<ApiError.Detail> details;

    public ApiException(HttpStatus status, String code, String message, List<ApiError.Detail> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiException badRequest(String message, List<ApiError.Detail> details) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", message, details);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ApiError.Detail> details() {
        return details;
    }
}
