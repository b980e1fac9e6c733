package org.kasbench.globeco.allocation.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;

/**
 * Every error leaves the API in the shared shape, with a message written for the caller:
 * never a stack trace, SQL, or a class name. What callers can cause is a 4xx; only our
 * own faults are a 5xx.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ApiErrors errors;

	ApiExceptionHandler(ApiErrors errors) {
		this.errors = errors;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> apiException(ApiException e, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		if (e.location() != null) {
			headers.setLocation(e.location());
		}
		if (e.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
		}
		return respond(e.status(), e.code(), e.getMessage(), request.getRequestURI(), e.details(), headers);
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class })
	ResponseEntity<Object> databaseUnavailable(Exception e, HttpServletRequest request) {
		log.error("Database unavailable while serving {}", request.getRequestURI(), e);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return respond(HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE",
				"The database is unavailable; try again shortly", request.getRequestURI(), List.of(), headers);
	}

	/**
	 * Tomcat's refusal of a malformed query string or form body, read late (normally
	 * {@link RequestGuard} reads it first).
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> invalidParameters(InvalidParameterException e, HttpServletRequest request) {
		return respond(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", RequestGuard.MALFORMED_PARAMETERS,
				request.getRequestURI(), List.of(), new HttpHeaders());
	}

	/**
	 * Anything else, unless the database was lost underneath it: Spring Batch and the
	 * transaction manager wrap a lost connection in their own exceptions, in whichever
	 * step of a send it happens.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
		if (DatabaseUnavailable.isCause(e)) {
			return databaseUnavailable(e, request);
		}
		log.error("Unexpected error serving {}", request.getRequestURI(), e);
		return respond(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				"An unexpected error occurred; quote the correlation id when reporting it", request.getRequestURI(),
				List.of(), new HttpHeaders());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (BodySizeLimit.isCause(e)) {
			return respond(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", BodySizeLimit.MESSAGE, path(request),
					List.of(), headers);
		}
		String duplicate = StrictJson.duplicateKey(e);
		if (duplicate != null) {
			return respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
					"Duplicate key " + duplicate + " in the JSON body", path(request),
					List.of(new ApiError.Detail(duplicate, "duplicate key")), headers);
		}
		return respond(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Request body is missing or is not valid JSON",
				path(request), List.of(), headers);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
		String rule = "must be " + (e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType()));
		return respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", name + " " + rule, path(request),
				List.of(new ApiError.Detail(name, rule)), headers);
	}

	/**
	 * Everything else Spring MVC raises (404, 405, 406, 415, ...) keeps its status and
	 * gets our shape.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return respond(status, ApiErrors.codeFor(status.value()), ApiErrors.messageFor(status.value()), path(request),
				List.of(), headers);
	}

	/**
	 * Always JSON: the content type is preset, so an {@code Accept} that excludes JSON
	 * cannot empty the body.
	 */
	private ResponseEntity<Object> respond(HttpStatusCode status, String code, String message, String path,
			List<ApiError.Detail> details, HttpHeaders headers) {
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.body(errors.of(status, code, message, path, details));
	}

	private static String describe(Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "an integer (decimal digits)";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return "a valid value";
	}

	private static String path(WebRequest request) {
		return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
	}

}
