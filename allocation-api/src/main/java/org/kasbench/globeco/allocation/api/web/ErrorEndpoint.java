package org.kasbench.globeco.allocation.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code BasicErrorController} (its JSON lacks code and message,
 * its HTML page is the Whitelabel page): whatever the servlet container forwards to the
 * error path (a {@code sendError} from Tomcat or a filter, an exception that escaped) is
 * answered in the shared shape with the original status, as JSON whatever the
 * {@code Accept} header says. Called directly, the error path is just an unknown route
 * (404).
 */
@Hidden
@RestController
class ErrorEndpoint implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ErrorEndpoint.class);

	private final ApiErrors errors;

	ErrorEndpoint(ApiErrors errors) {
		this.errors = errors;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ApiError> error(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", ApiErrors.NOSNIFF);
		response.setHeader(org.springframework.http.HttpHeaders.CACHE_CONTROL, ApiErrors.NO_STORE);
		String correlationId = response.getHeader(CorrelationId.HEADER);
		if (correlationId == null) {
			correlationId = CorrelationId.accept(request.getHeader(CorrelationId.HEADER));
			response.setHeader(CorrelationId.HEADER, correlationId);
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(code instanceof Integer status)) {
			return body(errors.generic(404, request.getRequestURI(), correlationId));
		}
		int answer = status < 400 || status > 599 ? 500 : status;
		if (answer >= 500) {
			Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
			log.error("Unhandled error serving {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
					exception instanceof Throwable t ? t : null);
		}
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return body(errors.generic(answer, path instanceof String p ? p : null, correlationId));
	}

	private static ResponseEntity<ApiError> body(ApiError error) {
		return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON).body(error);
	}

}
