package org.kasbench.globeco.allocation.api.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for the requests an HTTP client refuses to send:
 * malformed percent-encoding, oversized headers, TRACE, a body shorter than its
 * Content-Length, raw bytes in the request line.
 */
final class RawHttp {

	record Answer(int status, Map<String, String> headers, String body) {
		String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	private RawHttp() {
	}

	/**
	 * A request with {@code Host} and {@code Connection: close} added after the request
	 * line and given headers.
	 */
	static Answer request(int port, String requestLine, String headers, byte[] body, Duration timeout) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] head = (requestLine + "\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "Connection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		out.writeBytes(head);
		if (body != null) {
			out.writeBytes(body);
		}
		return exchange(port, out.toByteArray(), timeout);
	}

	static Answer exchange(int port, byte[] request, Duration timeout) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException e) {
			throw new IllegalStateException("exchange failed: " + e, e);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try {
			for (int n; (n = in.read(chunk)) >= 0;) {
				buffer.write(chunk, 0, n);
			}
		}
		catch (SocketTimeoutException e) {
			if (buffer.size() == 0) {
				throw e;
			}
		}
		catch (IOException e) {
			if (buffer.size() == 0) {
				throw e;
			}
			// connection reset after the answer: keep what arrived
		}
		return buffer.toByteArray();
	}

	private static Answer parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IllegalStateException("no complete HTTP answer: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		String body = text.substring(end + 4);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Answer(status, headers, body);
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			if (lineEnd < 0) {
				return body.toString();
			}
			int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			// sizes are in bytes; our bodies are ASCII JSON, so characters and bytes
			// agree
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

}
