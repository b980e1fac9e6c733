package org.kasbench.globeco.allocation.api.edge;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.Executions;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus of bad requests (several hundred, from a fixed seed, so a failure is
 * reproducible) sent over raw sockets to the running service. For every case: a 4xx, in
 * the shared error shape (or, for an ingest body whose every element is refused, the
 * contract's ingest answer with every element FAILED), no stack trace or class name, the
 * security headers; and over the whole corpus nothing stored and nothing logged at ERROR.
 */
class BadInputCorpusTest extends EdgeTestSupport {

	private static final long SEED = 20_260_509L;

	private static final String[] IDENTIFIERS = { "executionStatus", "tradeType", "destination", "securityId",
			"ticker" };

	private static final String[] NUMBERS = { "executionServiceId", "quantity", "quantityFilled", "totalAmount",
			"averagePrice" };

	private static final String[] BAD_TEXT = { "\\ud800", "\\udc00x", "A\\u202eB", "A\\u200bB", "A\\u0000",
			"\\u001b[31m", "\\u2066X", "\\ufeffIBM", "\\u061cA", "A\\u200fB", "\\uffff", "\\ue000" };

	record Case(String name, byte[] request, boolean slow) {
	}

	@Test
	void everyGeneratedBadInputGetsA4xxInTheShapeAndStoresNothing() {
		List<Case> corpus = corpus(new Random(SEED));
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
		long before = storedRows();
		List<String> failures = new ArrayList<>();
		for (Case c : corpus) {
			try {
				check(RawHttp.exchange(port, c.request(), c.slow() ? Duration.ofSeconds(10) : READ));
			}
			catch (AssertionError | RuntimeException e) {
				String name = c.name().replaceAll("\\s+", " ");
				failures.add(name.substring(0, Math.min(120, name.length())) + " -> " + String.valueOf(e.getMessage())
					.replaceAll("\\s+", " ")
					.substring(0, Math.min(400, String.valueOf(e.getMessage()).replaceAll("\\s+", " ").length())));
			}
		}
		assertThat(failures).as("seed " + SEED + ", " + corpus.size() + " cases").isEmpty();
		assertThat(storedRows()).isEqualTo(before);
		assertThat(errorsLogged()).isEmpty();
	}

	@Test
	void theConfirmationServicesExactPayloadIsStillAccepted() {
		int esid = Executions.uniqueId();
		String body = "[" + confirmation(esid) + "]";
		RawHttp.Answer answer = RawHttp.request(port, "POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nAccept: application/json\r\nX-Correlation-ID: conf-" + esid
						+ "\r\ntraceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nContent-Length: "
						+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n",
				body.getBytes(StandardCharsets.UTF_8), READ);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		assertThat(JSON.readTree(answer.body()).get("results").get(0).get("status").asString()).isEqualTo("SUCCESS");
		assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
	}

	@Test
	void strictJsonNamesTheField() {
		int esid = Executions.uniqueId();
		JsonNode duplicate = assertErrorAnswer(
				post(confirmation(esid).replace("\"quantity\":1000,", "\"quantity\":1000,\"quantity\":2000,")), 400,
				"VALIDATION_FAILED");
		assertThat(duplicate.get("details").get(0).get("field").asString()).isEqualTo("[0].quantity");
		assertThat(failedMessage(post(confirmation(esid).replace("\"quantity\":1000", "\"quantity\":\"1000\""))))
			.contains("quantity");
		assertThat(failedMessage(post(confirmation(esid).replace("\"isOpen\":false", "\"isOpen\":0"))))
			.contains("isOpen");
		assertThat(failedMessage(post(confirmation(esid).replace("\"IBM\"", "\"\\ud800\"")))).contains("ticker");
		assertThat(failedMessage(post(confirmation(esid).replace("\"IBM\"", "\"I\\u202eBM\"")))).contains("ticker");
		assertThat(errorsLogged()).isEmpty();
	}

	private RawHttp.Answer post(String element) {
		byte[] body = ("[" + element + "]").getBytes(StandardCharsets.UTF_8);
		return RawHttp.request(port, "POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n", body, READ);
	}

	private static String failedMessage(RawHttp.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		JsonNode result = JSON.readTree(answer.body()).get("results").get(0);
		assertThat(result.get("status").asString()).isEqualTo("FAILED");
		assertThat(result.get("code").asString()).isEqualTo("VALIDATION_FAILED");
		return result.get("message").asString();
	}

	private static void check(RawHttp.Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
		assertNothingGivenAway(answer.body());
		JsonNode body = JSON.readTree(answer.body());
		if (body.has("results")) { // the ingest answer: every element refused, nothing
									// stored
			assertThat(answer.status()).isEqualTo(400);
			assertThat(body.get("status").asString()).isEqualTo("FAILED");
			assertThat(body.get("failed").asInt()).isEqualTo(body.get("totalRequested").asInt());
			body.get("results").forEach(r -> {
				assertThat(r.get("status").asString()).isEqualTo("FAILED");
				assertThat(r.get("execution") == null || r.get("execution").isNull()).isTrue();
			});
			assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
		}
		else {
			assertShapeAndHeaders(answer);
		}
	}

	// ---------------------------------------------------------------- the corpus

	private static List<Case> corpus(Random random) {
		List<Case> cases = new ArrayList<>();
		ingestElements(random, cases);
		ingestBodies(random, cases);
		queries(random, cases);
		pathIds(random, cases);
		protocol(random, cases);
		origins(cases);
		return cases;
	}

	/**
	 * One element of the Confirmation Service's payload, changed in one way that makes it
	 * invalid.
	 */
	private static void ingestElements(Random random, List<Case> cases) {
		List<UnaryOperator<String>> mutations = new ArrayList<>();
		for (String field : NUMBERS) {
			mutations.add(e -> setField(e, field, "\"" + number(random) + "\"")); // number
																					// as
																					// a
																					// string
			mutations.add(e -> setField(e, field, random.nextBoolean() ? "true" : "[1]"));
			mutations.add(e -> setField(e, field, "{\"value\":1}"));
			mutations.add(e -> setField(e, field, "-" + (1 + random.nextInt(1000))));
			mutations.add(e -> setField(e, field, "1e" + (20 + random.nextInt(400000))));
			mutations.add(e -> e.replace("\"" + field + "\":", "\"" + field + "\":1,\"" + field + "\":")); // duplicate
																											// key
		}
		mutations.add(e -> setField(e, "isOpen", String.valueOf(random.nextInt(2))));
		mutations.add(e -> setField(e, "isOpen", random.nextBoolean() ? "\"false\"" : "\"true\""));
		mutations.add(e -> setField(e, "isOpen", "null"));
		mutations.add(e -> e.replace("\"isOpen\":false,", "\"isOpen\":false,\"isOpen\":false,"));
		mutations.add(e -> setField(e, "executionServiceId", "27.5"));
		mutations.add(e -> setField(e, "executionServiceId", "4294967296"));
		mutations.add(e -> setField(e, "receivedTimestamp", "\"yesterday\""));
		mutations.add(e -> setField(e, "sentTimestamp", "true"));
		mutations.add(e -> setField(e, "lastFillTimestamp", "\"2025-13-45T99:99:99Z\""));
		mutations.add(e -> setField(e, "averagePrice", "12345678901.5"));
		mutations.add(e -> setField(e, "quantity", "1.123456789"));
		for (String field : IDENTIFIERS) {
			for (String bad : BAD_TEXT) {
				mutations.add(e -> setField(e, field, "\"" + bad + "\""));
			}
			mutations.add(e -> setField(e, field, String.valueOf(1 + random.nextInt(99))));
			mutations.add(e -> setField(e, field, "false"));
			mutations.add(e -> setField(e, field, "\"" + "X".repeat(21 + random.nextInt(5000)) + "\""));
			mutations.add(e -> setField(e, field, "\"\""));
			mutations.add(e -> e.replace("\"" + field + "\":", "\"" + field + "\":\"A\",\"" + field + "\":"));
		}
		for (UnaryOperator<String> mutation : mutations) {
			String element = mutation.apply(confirmation(1_900_000_000 + random.nextInt(100_000_000)));
			cases.add(json("element " + element.substring(0, Math.min(200, element.length())), "[" + element + "]"));
		}
	}

	private static String setField(String element, String field, String value) {
		return element.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
				"\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(value));
	}

	private static String number(Random random) {
		return String.valueOf(1 + random.nextInt(100_000));
	}

	private static void ingestBodies(Random random, List<Case> cases) {
		String valid = confirmation(2_000_000_000);
		List<String> bodies = new ArrayList<>(List.of("", "x", "[", "]", "{}", "null", "\"a\"", "1", "[]", "[null]",
				"[1,2]", "[" + valid, valid, "[" + valid + ",]", "[" + valid + "] x",
				"{\"executions\":[" + valid + "]}", "[" + "[".repeat(2000) + "]".repeat(2000) + "]",
				"[" + "9".repeat(5000) + "]", "[{\"a\":\"" + "\\u0041".repeat(10) + "\"", "['single']",
				"[{executionServiceId:1}]", "[NaN]", "[Infinity]", "[0x10]", "[+1]", "[01]", "[1.]", "[.5]",
				"[true false]", "/*c*/[]", "[\"\\x41\"]"));
		for (int i = 0; i < 10; i++) { // random truncations of a valid body
			String body = "[" + valid + "]";
			bodies.add(body.substring(0, 1 + random.nextInt(body.length() - 2)));
		}
		for (String body : bodies) {
			cases.add(json("body " + body.substring(0, Math.min(80, body.length())), body));
		}
		byte[][] rawBodies = { { '[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']' },
				{ '[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']' },
				{ (byte) 0xFF, (byte) 0xFE, '[', 0, ']', 0 }, { '[', '"', (byte) 0x80, '"', ']' } };
		for (byte[] body : rawBodies) {
			cases.add(request("raw bytes body", "POST /api/v1/executions HTTP/1.1",
					"Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n", body, false));
		}
		for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data", "application/json; charset=utf-16", "application/jsonx", "*/*", "")) {
			String body = "[" + valid + "]";
			cases.add(request("content type " + type, "POST /api/v1/executions HTTP/1.1",
					(type.isEmpty() ? "" : "Content-Type: " + type + "\r\n") + "Content-Length: " + body.length()
							+ "\r\n",
					body.getBytes(StandardCharsets.UTF_8), false));
		}
		StringBuilder many = new StringBuilder("[");
		for (int i = 0; i < 101; i++) {
			many.append(i == 0 ? "" : ",").append(confirmation(2_000_000_001 + i));
		}
		cases.add(json("101 elements", many.append(']').toString()));
		cases.add(json("body over 1MB", "[" + " ".repeat(1_100_000) + "]"));
		String shortBody = "[" + valid + "]";
		cases.add(request("body shorter than Content-Length", "POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nContent-Length: " + (shortBody.length() + 10) + "\r\n",
				shortBody.getBytes(StandardCharsets.UTF_8), true));
	}

	private static void queries(Random random, List<Case> cases) {
		String[] targets = { "GET /api/v1/executions", "GET /api/v1/batches", "POST /api/v1/executions/send" };
		String[] names = { "ticker", "limit", "offset", "sortBy", "tradeDate", "executionServiceId", "wait" };
		List<String> badEncodings = new ArrayList<>(List.of("%", "%Z", "%ZZ", "%G0", "%C0%AF", "%ED%A0%80",
				"%F8%88%80%80%80", "%FF", "%C3", "%E2%82", "%%", "%2", "%00", "%0A", "%E2%80%AE"));
		for (int i = 0; i < 20; i++) {
			badEncodings.add("%" + "GHIJKLMNOPQRSTUVWXYZ-_.~!".charAt(random.nextInt(25))
					+ Integer.toHexString(random.nextInt(16)));
		}
		for (String target : targets) {
			String extra = target.startsWith("POST") ? "Content-Length: 0\r\n" : "";
			for (String bad : badEncodings) {
				// the send takes only wait (other parameters are ignored there, see the
				// README)
				String name = target.startsWith("POST") ? "wait" : names[random.nextInt(names.length)];
				String query = switch (random.nextInt(3)) {
					case 0 -> name + "=" + bad;
					case 1 -> bad + "=1";
					default -> name + "=a" + bad + "b";
				};
				cases.add(request(target + "?" + query, target + "?" + query + " HTTP/1.1", extra, null, false));
			}
		}
		for (String query : List.of("limit=0x10", "limit=%2B5", "limit=1e2", "limit=%201", "offset=-0x1",
				"limit=%D9%A1", "executionServiceId=%231", "tradeDate=2025-02-30", "sortBy=id;drop",
				"ticker=A%E2%80%AEB", "ticker=%C2%A0%00", "unknown=1", "limit=1&limit=1",
				"ticker=%F0%9F%92%A9%ED%B0%80")) {
			cases.add(request("query " + query, "GET /api/v1/executions?" + query + " HTTP/1.1", "", null, false));
		}
		for (String wait : List.of("yes", "1", "on", "TRUE", "%20true", "0x1")) {
			cases.add(request("send wait=" + wait, "POST /api/v1/executions/send?wait=" + wait + " HTTP/1.1",
					"Content-Length: 0\r\n", null, false));
		}
	}

	private static void pathIds(Random random, List<Case> cases) {
		List<String> ids = new ArrayList<>(
				List.of("0x10", "+1", "%231", "1e3", "%201", "1%20", "%D9%A1", "99999999999", "1.0", "0b1", "-",
						"%2D%2D1", "1_000", "%EF%BC%91", "0o7", "1L", "%00", "%ff", "..%2F..", "%2e%2e", "abc"));
		for (int i = 0; i < 15; i++) {
			ids.add(Integer.toHexString(random.nextInt()) + "g");
		}
		for (String id : ids) {
			for (String route : List.of("GET /api/v1/executions/", "GET /api/v1/execution/", "GET /api/v1/batches/",
					"POST /api/v1/batches/")) {
				String target = route + id + (route.startsWith("POST") ? "/retry" : "");
				cases.add(request(target, target + " HTTP/1.1", route.startsWith("POST") ? "Content-Length: 0\r\n" : "",
						null, false));
			}
		}
	}

	private static void protocol(Random random, List<Case> cases) {
		cases.add(request("TRACE", "TRACE /api/v1/executions HTTP/1.1", "", null, false));
		cases.add(request("TRACE root", "TRACE / HTTP/1.1", "", null, false));
		for (String method : List.of("DELETE", "PUT", "PATCH", "FOO", "PROPFIND")) {
			cases.add(request(method, method + " /api/v1/executions/send HTTP/1.1", "Content-Length: 0\r\n", null,
					false));
		}
		cases.add(request("header over 8KB", "GET /api/v1/executions HTTP/1.1", "X-Pad: " + "a".repeat(10_000) + "\r\n",
				null, false));
		cases.add(request("correlation id over 8KB", "GET /api/v1/executions HTTP/1.1",
				"X-Correlation-ID: " + "c".repeat(10_000) + "\r\n", null, false));
		cases.add(request("many headers", "GET /api/v1/executions HTTP/1.1", "X-A: b\r\n".repeat(2000), null, false));
		cases.add(request("query over 8KB", "GET /api/v1/executions?ticker=" + "q".repeat(10_000) + " HTTP/1.1", "",
				null, false));
		cases.add(request("path over 8KB", "GET /api/v1/" + "p".repeat(10_000) + " HTTP/1.1", "", null, false));
		cases.add(request("bad header name", "GET /api/v1/executions HTTP/1.1", "Bad Header: x\r\n", null, false));
		cases.add(request("control character in a header", "GET /api/v1/executions HTTP/1.1", "X-A: a\u0001b\r\n", null,
				false));
		cases.add(request("bad Content-Length", "POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nContent-Length: abc\r\n", "[]".getBytes(StandardCharsets.UTF_8),
				false));
		cases.add(request("two Content-Lengths", "POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n",
				"[]".getBytes(StandardCharsets.UTF_8), false));
		cases.add(request("unknown Transfer-Encoding", "POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n", "[]".getBytes(StandardCharsets.UTF_8),
				false));
		cases.add(request("bad chunk", "POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
				"zz\r\n[]\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8), false));
		cases.add(request("HTTP version 9.9", "GET /api/v1/executions HTTP/9.9", "", null, false));
		cases.add(request("space in the target", "GET /api/v1/executions?ticker=a b HTTP/1.1", "", null, false));
		cases.add(request("raw byte in the target", "GET /api/v1/executions?ticker=\u00ff HTTP/1.1", "", null, false));
		cases.add(request("absolute target elsewhere", "GET http://evil.example/api/v1/executions/%ZZ HTTP/1.1", "",
				null, false));
		for (String accept : List.of("application/xml", "text/html", "text/csv", "image/png")) {
			cases.add(request("Accept " + accept, "GET /api/v1/executions HTTP/1.1", "Accept: " + accept + "\r\n", null,
					false));
			cases.add(request("Accept " + accept + " and a bad id",
					"GET /api/v1/executions/0x" + random.nextInt(99) + " HTTP/1.1", "Accept: " + accept + "\r\n", null,
					false));
		}
		cases.add(request("the error path", "GET /error HTTP/1.1", "", null, false));
		cases.add(request("the error path, HTML", "GET /error HTTP/1.1", "Accept: text/html\r\n", null, false));
		cases.add(request("the error path, POST", "POST /error HTTP/1.1", "Content-Length: 0\r\n", null, false));
	}

	/**
	 * Valid requests that would store something, from origins that are not allowed:
	 * refused, nothing stored.
	 */
	private static void origins(List<Case> cases) {
		String body = "[" + confirmation(2_100_000_000) + "]";
		for (String origin : List.of("null", "https://evil.example", PORTAL + ".evil.example", PORTAL + ":444",
				"http://portal.globeco.example", "file://", "https://portal.globeco.example/", "*")) {
			cases.add(request("origin " + origin + " send", "POST /api/v1/executions/send HTTP/1.1",
					"Origin: " + origin + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n",
					"{}".getBytes(StandardCharsets.UTF_8), false));
			cases.add(request(
					"origin " + origin + " ingest", "POST /api/v1/executions HTTP/1.1", "Origin: " + origin
							+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n",
					body.getBytes(StandardCharsets.UTF_8), false));
		}
		cases.add(request("two origins", "POST /api/v1/executions/send HTTP/1.1",
				"Origin: " + PORTAL + "\r\nOrigin: https://evil.example\r\nContent-Length: 0\r\n", null, false));
	}

	private static Case json(String name, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return request(name, "POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n", bytes, false);
	}

	private static Case request(String name, String requestLine, String headers, byte[] body, boolean slow) {
		byte[] head = (requestLine + "\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		byte[] all = new byte[head.length + (body == null ? 0 : body.length)];
		System.arraycopy(head, 0, all, 0, head.length);
		if (body != null) {
			System.arraycopy(body, 0, all, head.length, body.length);
		}
		return new Case(name, all, slow);
	}

}
