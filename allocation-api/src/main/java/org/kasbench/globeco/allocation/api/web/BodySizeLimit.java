package org.kasbench.globeco.allocation.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Refuses request bodies over {@code allocation.http.max-body-size} with 413: at once
 * when Content-Length says so, and while reading when the body is chunked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodySizeLimit extends OncePerRequestFilter {

	static final String MESSAGE = "Request body is larger than the configured limit";

	private final long maxBytes;

	private final ApiErrors errors;

	BodySizeLimit(@Value("${allocation.http.max-body-size:1MB}") DataSize maxBodySize, ApiErrors errors) {
		this.maxBytes = maxBodySize.toBytes();
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			errors.write(response, errors.of(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
					MESSAGE, request.getRequestURI(), List.of()));
			return;
		}
		chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Limited(request, maxBytes), response);
	}

	static boolean isCause(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof TooLarge) {
				return true;
			}
		}
		return false;
	}

	static final class TooLarge extends IOException {

		TooLarge() {
			super(MESSAGE);
		}

	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new Counting(super.getInputStream(), maxBytes);
			}
			return stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream in;

		private final long maxBytes;

		private long count;

		Counting(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		private void add(long n) throws TooLarge {
			count += n;
			if (count > maxBytes) {
				throw new TooLarge();
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
