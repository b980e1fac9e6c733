package org.kasbench.globeco.allocation.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Takes {@code X-Correlation-ID} from the request (or makes one), echoes it on the
 * response and puts it in the logging context of the request. A value that is too long or
 * holds odd characters is replaced, so it can never be used to forge log lines.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationId extends OncePerRequestFilter {

	public static final String HEADER = "X-Correlation-ID";

	public static final String MDC_KEY = "correlationId";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

	public static String current() {
		return MDC.get(MDC_KEY);
	}

	/** The given id when it is safe to echo and log, else a new one. */
	public static String accept(String given) {
		return given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = accept(request.getHeader(HEADER));
		response.setHeader(HEADER, id);
		try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
			chain.doFilter(request, response);
		}
	}

}
