package org.kasbench.globeco.allocation.api.web;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A request the API answers with an error of the shared shape; the message is safe to
 * show callers.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final List<ApiError.Detail> details;

	private final URI location;

	private final Duration retryAfter;

	public ApiException(HttpStatus status, String code, String message, List<ApiError.Detail> details) {
		this(status, code, message, details, null, null);
	}

	private ApiException(HttpStatus status, String code, String message, List<ApiError.Detail> details, URI location,
			Duration retryAfter) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = List.copyOf(details);
		this.location = location;
		this.retryAfter = retryAfter;
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

	/**
	 * The same error, answered with a {@code Location} header: the resource the failure
	 * is about (a failed send's batch), so callers follow a link instead of parsing the
	 * message.
	 */
	public ApiException at(URI resource) {
		return new ApiException(status, code, getMessage(), details, resource, retryAfter);
	}

	/** The same error, answered with a {@code Retry-After} header. */
	public ApiException retryAfter(Duration wait) {
		return new ApiException(status, code, getMessage(), details, location, wait);
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

	/** The resource the error is about, or {@code null}. */
	public URI location() {
		return location;
	}

	/** When the caller may try again, or {@code null}. */
	public Duration retryAfter() {
		return retryAfter;
	}

}
