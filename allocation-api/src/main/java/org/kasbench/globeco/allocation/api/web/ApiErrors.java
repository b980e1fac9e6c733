package org.kasbench.globeco.allocation.api.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The one place the shared error shape is built and written: used by the exception
 * handler, by the filters that answer before MVC, by the {@code /error} endpoint and by
 * Tomcat's error report valve.
 */
@Component
public class ApiErrors {

	/**
	 * Headers every answer carries (see {@link SecurityHeaders}); error writers outside
	 * MVC set them too.
	 */
	static final String NO_STORE = "no-store";
	static final String NOSNIFF = "nosniff";

	private final Clock clock;

	private final JsonMapper json;

	ApiErrors(Clock clock, JsonMapper json) {
		this.clock = clock;
		this.json = json;
	}

	public ApiError of(HttpStatusCode status, String code, String message, String path, List<ApiError.Detail> details) {
		return of(status, code, message, path, details, CorrelationId.current());
	}

	public ApiError of(HttpStatusCode status, String code, String message, String path, List<ApiError.Detail> details,
			String correlationId) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return new ApiError(status.value(), known == null ? "Error" : known.getReasonPhrase(), code, message, path,
				OffsetDateTime.now(clock), correlationId, List.copyOf(details));
	}

	/** An error that has no more specific code: the status says it all. */
	public ApiError generic(int status, String path, String correlationId) {
		return of(HttpStatusCode.valueOf(status), codeFor(status), messageFor(status), path, List.of(), correlationId);
	}

	public void write(HttpServletResponse response, ApiError error) throws IOException {
		response.setStatus(error.status());
		response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
		response.setHeader("X-Content-Type-Options", NOSNIFF);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(bytes(error));
	}

	public byte[] bytes(ApiError error) {
		return json.writeValueAsBytes(error);
	}

	/**
	 * The code of an error known only by its status (Spring MVC's 404/405/406/415,
	 * Tomcat's 400/408/...).
	 */
	public static String codeFor(int status) {
		return switch (status) {
			case 400 -> "MALFORMED_REQUEST";
			case 413 -> "PAYLOAD_TOO_LARGE";
			case 500 -> "INTERNAL_ERROR";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield known == null ? "ERROR" : known.name();
			}
		};
	}

	static String messageFor(int status) {
		return switch (status) {
			case 400 -> "The request could not be understood: malformed request line, URI, header or encoding";
			case 404 -> "No such resource";
			case 405 -> "Method not allowed on this resource";
			case 408 -> "The request was not received in time (a body shorter than its Content-Length?)";
			case 413 -> "Request body is larger than the configured limit";
			case 414 -> "Request URI is too long";
			case 431 -> "Request headers are too large";
			case 500 -> "An unexpected error occurred; quote the correlation id when reporting it";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield known == null ? "Request failed" : known.getReasonPhrase();
			}
		};
	}

}
