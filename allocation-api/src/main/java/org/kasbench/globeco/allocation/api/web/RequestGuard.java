package org.kasbench.globeco.allocation.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * The checks every request passes before anything reads it:
 * <ul>
 * <li>security headers on every answer: {@code X-Content-Type-Options: nosniff},
 * {@code Cache-Control: no-store} (Swagger UI's static files excepted: they may be cached
 * for an hour, then revalidated), {@code X-Frame-Options: DENY};</li>
 * <li>a cross-origin request (an {@code Origin} other than the service's own) from an
 * origin that is not configured is refused with 403 {@code ORIGIN_NOT_ALLOWED} (an exact
 * match is required: no trailing slash, no other case), whatever its method and whether
 * or not a preflight happened (a {@code text/plain} POST needs none); from a configured
 * origin it gets the CORS headers, and a preflight is answered here;</li>
 * <li>the query string (and a form body) is parsed once here, so malformed
 * percent-encoding or UTF-8 is a 400 {@code MALFORMED_REQUEST} rather than an exception
 * deep inside Spring.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestGuard extends OncePerRequestFilter {

	static final String MALFORMED_PARAMETERS = "The query string (or form body) is not valid: bad percent-encoding or not UTF-8";
	static final String ORIGIN_REFUSED = "Cross-origin requests from this origin are not allowed";

	/** Swagger UI's files (springdoc's webjar): they change only with a new release. */
	static final String STATIC_ASSETS = "/swagger-ui/";

	static final String STATIC_ASSETS_CACHE = "public, max-age=3600";

	private final ApiErrors errors;

	private final CorsConfiguration cors;

	private final DefaultCorsProcessor corsProcessor;

	RequestGuard(ApiErrors errors, CorsConfiguration apiCorsConfiguration) {
		this.errors = errors;
		this.cors = apiCorsConfiguration;
		this.corsProcessor = new JsonRejectingCorsProcessor(errors);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", ApiErrors.NOSNIFF);
		response.setHeader(HttpHeaders.CACHE_CONTROL,
				request.getRequestURI().startsWith(STATIC_ASSETS) ? STATIC_ASSETS_CACHE : ApiErrors.NO_STORE);
		response.setHeader("X-Frame-Options", "DENY");
		if (!originAllowed(request, response)) {
			return;
		}
		try {
			request.getParameterMap();
		}
		catch (InvalidParameterException e) {
			errors.write(response, errors.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", MALFORMED_PARAMETERS,
					request.getRequestURI(), List.of()));
			return;
		}
		chain.doFilter(request, response);
	}

	/** False when the request has been answered here: refused, or a preflight. */
	private boolean originAllowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
		List<String> origins = Collections.list(request.getHeaders(HttpHeaders.ORIGIN));
		if (origins.isEmpty() || request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST) {
			return true;
		}
		if (origins.size() == 1 && !crossOrigin(request)) {
			return true;
		}
		List<String> allowed = cors.getAllowedOrigins();
		if (origins.size() > 1 || allowed == null || !allowed.contains(origins.getFirst())) {
			errors.write(response, errors.of(HttpStatus.FORBIDDEN, "ORIGIN_NOT_ALLOWED", ORIGIN_REFUSED,
					request.getRequestURI(), List.of()));
			return false;
		}
		if (!corsProcessor.processRequest(cors, request, response)) {
			return false;
		}
		return !CorsUtils.isPreFlightRequest(request);
	}

	private static boolean crossOrigin(HttpServletRequest request) {
		try {
			return CorsUtils.isCorsRequest(request);
		}
		catch (RuntimeException e) {
			return true;
		}
	}

	/**
	 * Spring's CORS checks, with a refusal (method or header not allowed) in the shared
	 * shape.
	 */
	private static final class JsonRejectingCorsProcessor extends DefaultCorsProcessor {

		private final ApiErrors errors;

		JsonRejectingCorsProcessor(ApiErrors errors) {
			this.errors = errors;
		}

		@Override
		protected void rejectRequest(ServerHttpResponse response) throws IOException {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			response.getBody()
				.write(errors.bytes(errors.of(HttpStatus.FORBIDDEN, "CORS_REJECTED",
						"This cross-origin request (method or headers) is not allowed", null, List.of())));
			response.flush();
		}

	}

}
