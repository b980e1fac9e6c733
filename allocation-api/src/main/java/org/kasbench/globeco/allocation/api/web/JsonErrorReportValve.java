package org.kasbench.globeco.allocation.api.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Replaces Tomcat's HTML error page. Tomcat answers some requests before Spring sees them
 * (a malformed request line or URI, headers over the limit, TRACE, a request it could not
 * map); those get the shared JSON error shape too, with a correlation id (the request's,
 * if safe, else a new one) and the usual security headers. Anything the application
 * already wrote is left alone.
 */
final class JsonErrorReportValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(JsonErrorReportValve.class);

	private final ApiErrors errors;

	JsonErrorReportValve(ApiErrors errors) {
		this.errors = errors;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		if (status == 501 || status == 505) {
			// Tomcat's answers to a Transfer-Encoding or an HTTP version it does not
			// support: the client's
			// request is at fault, and a 5xx would count against our own error rate.
			status = 400;
			response.setStatus(status);
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		if (status >= 500 && throwable != null) {
			log.error("Unhandled error reached the servlet container", throwable);
		}
		String correlationId = CorrelationId.accept(safeHeader(request, CorrelationId.HEADER));
		ApiError error = errors.generic(status, safePath(request), correlationId);
		try {
			response.resetBuffer();
			response.setHeader(CorrelationId.HEADER, correlationId);
			response.setHeader(HttpHeaders.CACHE_CONTROL, ApiErrors.NO_STORE);
			response.setHeader("X-Content-Type-Options", ApiErrors.NOSNIFF);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			byte[] body = errors.bytes(error);
			response.setContentLength(body.length);
			OutputStream out = response.getOutputStream();
			out.write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException e) {
			// the client is gone or the response cannot be written any more: nothing to
			// report to
		}
		catch (Throwable t) {
			ExceptionUtils.handleThrowable(t);
		}
	}

	private static String safeHeader(Request request, String name) {
		try {
			return request.getHeader(name);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	/**
	 * The path as received only when it is plain printable ASCII; a malformed URI is not
	 * echoed.
	 */
	private static String safePath(Request request) {
		try {
			String uri = request.getRequestURI();
			if (uri != null && uri.length() <= 2048 && uri.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
				return uri;
			}
		}
		catch (RuntimeException e) {
			// fall through
		}
		return null;
	}

}
