package org.kasbench.globeco.allocation.api.edge;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.Executions;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each answer of issue #9's probe, now in the documented shape; see the README's
 * bad-input table.
 */
class HttpEdgeTest extends EdgeTestSupport {

	@Test
	void malformedPercentEncodingInTheQueryIsA400() {
		long before = storedRows();
		for (String target : List.of("/api/v1/executions?ticker=%ZZ", "/api/v1/executions?limit=%ZZ",
				"/api/v1/executions?%ZZ=1", "/api/v1/executions?ticker=%", "/api/v1/executions?ticker=%C0%AF",
				"/api/v1/executions?ticker=%ED%A0%80", "/api/v1/batches?limit=%ZZ")) {
			assertErrorAnswer(raw("GET " + target + " HTTP/1.1", ""), 400, "MALFORMED_REQUEST");
		}
		assertErrorAnswer(raw("POST /api/v1/executions/send?wait=%ZZ HTTP/1.1", "Content-Length: 0\r\n"), 400,
				"MALFORMED_REQUEST");
		assertThat(storedRows()).isEqualTo(before);
		assertThat(errorsLogged()).isEmpty();
	}

	@Test
	void whatTomcatRefusesBeforeSpringIsInTheShape() {
		for (String target : List.of("/api/v1/executions/..%2F..", "/%00", "/%ff", "/api/v1/executions/%ZZ")) {
			assertErrorAnswer(raw("GET " + target + " HTTP/1.1", ""), 400, "MALFORMED_REQUEST");
		}
		assertErrorAnswer(raw("GET /api/v1/executions HTTP/1.1", "X-Padding: " + "a".repeat(10_000) + "\r\n"), 400,
				"MALFORMED_REQUEST");
		JsonNode body = assertErrorAnswer(
				raw("GET /api/v1/executions HTTP/1.1", "X-Correlation-ID: " + "c".repeat(10_000) + "\r\n"), 400,
				"MALFORMED_REQUEST");
		assertThat(body.get("correlationId").asString()).hasSize(36);
		assertErrorAnswer(raw("GET /api/v1/executions?ticker=" + "q".repeat(10_000) + " HTTP/1.1", ""), 400,
				"MALFORMED_REQUEST");
		assertErrorAnswer(raw("GET /api/v1/" + "p".repeat(10_000) + " HTTP/1.1", ""), 400, "MALFORMED_REQUEST");
		assertErrorAnswer(raw("GET /api/v1/executions HTTP/9.9", ""), 400, "MALFORMED_REQUEST");
		assertErrorAnswer(raw("GET /api/v1/executions HTTP/1.1", "Bad Header: x\r\n"), 400, "MALFORMED_REQUEST");
		String json = "Content-Type: application/json\r\n";
		assertErrorAnswer(raw("POST /api/v1/executions HTTP/1.1", json + "Transfer-Encoding: gzip\r\n", "[]"), 400,
				"MALFORMED_REQUEST");
		assertErrorAnswer(raw("POST /api/v1/executions HTTP/1.1", json + "Transfer-Encoding: chunked\r\n",
				"zz\r\n[]\r\n0\r\n\r\n"), 400, "MALFORMED_REQUEST");
		assertErrorAnswer(raw("POST /api/v1/executions HTTP/1.1", json + "Content-Length: abc\r\n", "[]"), 400,
				"MALFORMED_REQUEST");
		assertErrorAnswer(
				raw("POST /api/v1/executions HTTP/1.1", json + "Content-Length: 2\r\nContent-Length: 3\r\n", "[]"), 400,
				"MALFORMED_REQUEST");
		byte[] badUtf8 = { '[', '"', (byte) 0xFF, 'x', '"', ']' };
		assertErrorAnswer(RawHttp.request(port, "POST /api/v1/executions HTTP/1.1", json + "Content-Length: 6\r\n",
				badUtf8, READ), 400, "MALFORMED_REQUEST");
		assertThat(errorsLogged()).isEmpty();
	}

	@Test
	void aBodyShorterThanItsContentLengthIsA408() {
		long before = storedRows();
		String body = "[" + confirmation(Executions.uniqueId()) + "]";
		RawHttp.Answer answer = raw("POST /api/v1/executions HTTP/1.1",
				"Content-Type: application/json\r\nContent-Length: " + (body.length() + 50) + "\r\n", body);
		assertErrorAnswer(answer, 408, "REQUEST_TIMEOUT");
		assertThat(storedRows()).isEqualTo(before);
		assertThat(errorsLogged()).isEmpty();
	}

	@Test
	void traceAndUnknownMethodsAre405InTheShape() {
		assertErrorAnswer(raw("TRACE /api/v1/executions HTTP/1.1", ""), 405, "METHOD_NOT_ALLOWED");
		RawHttp.Answer delete = raw("DELETE /api/v1/executions HTTP/1.1", "");
		assertErrorAnswer(delete, 405, "METHOD_NOT_ALLOWED");
		assertThat(errorsLogged()).isEmpty();
	}

	@Test
	void theErrorPathIsNotAnEndpoint() {
		assertErrorAnswer(raw("GET /error HTTP/1.1", ""), 404, "NOT_FOUND");
		assertErrorAnswer(raw("POST /error HTTP/1.1", "Content-Length: 0\r\n"), 404, "NOT_FOUND");
		assertErrorAnswer(raw("GET /error HTTP/1.1", "Accept: text/html\r\n"), 404, "NOT_FOUND");
	}

	@Test
	void errorsAreJsonWhateverTheAcceptHeaderSays() {
		assertErrorAnswer(raw("GET /api/v1/executions HTTP/1.1", "Accept: application/xml\r\n"), 406, "NOT_ACCEPTABLE");
		assertErrorAnswer(raw("GET /api/v1/executions/abc HTTP/1.1", "Accept: text/html\r\n"), 406, "NOT_ACCEPTABLE");
		assertErrorAnswer(raw("GET /api/v1/executions/abc HTTP/1.1", "Accept: application/xml, */*;q=0.1\r\n"), 400,
				"VALIDATION_FAILED");
		assertErrorAnswer(raw("GET /api/v1/nothing HTTP/1.1", "Accept: text/html\r\n"), 404, "NOT_FOUND");
		assertErrorAnswer(raw("GET /nothing HTTP/1.1", "Accept: text/html\r\n"), 404, "NOT_FOUND");
	}

	@Test
	void pathIdsArePlainDecimalDigits() {
		for (String id : List.of("0x10", "+1", "%231", "1e3", "%201", "1%20", "%D9%A1", "99999999999", "1.0", "0b1")) {
			assertErrorAnswer(raw("GET /api/v1/executions/" + id + " HTTP/1.1", ""), 400, "VALIDATION_FAILED");
			assertErrorAnswer(raw("GET /api/v1/batches/" + id + " HTTP/1.1", ""), 400, "VALIDATION_FAILED");
		}
		assertErrorAnswer(raw("GET /api/v1/executions/16 HTTP/1.1", ""), 404, "NOT_FOUND");
		assertErrorAnswer(raw("GET /api/v1/executions?limit=%2B5 HTTP/1.1", ""), 400, "VALIDATION_FAILED");
		assertErrorAnswer(raw("GET /api/v1/executions?executionServiceId=0x10 HTTP/1.1", ""), 400, "VALIDATION_FAILED");
		assertErrorAnswer(raw("POST /api/v1/executions/send?wait=yes HTTP/1.1", "Content-Length: 0\r\n"), 400,
				"VALIDATION_FAILED");
	}

	@Test
	void apiAnswersCarrySecurityHeaders() {
		for (HttpResponse<String> answer : List.of(get("/api/v1/executions?limit=1"), get("/api/v1/batches"),
				get("/healthz"), get("/api/v1/executions/0"))) {
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
			assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
		}
	}

	@Test
	void corsAllowsOnlyTheConfiguredOrigin() {
		long before = storedRows();
		HttpResponse<String> preflight = preflight(PORTAL);
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(PORTAL);

		for (String origin : List.of("null", "https://evil.example", PORTAL + ".evil.example",
				"http://portal.globeco.example")) {
			HttpResponse<String> refused = preflight(origin);
			assertErrorShape(refused, 403, "ORIGIN_NOT_ALLOWED");
			assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
			// a "simple" cross-origin request needs no preflight: it must be refused all
			// the same
			assertErrorAnswer(
					raw("POST /api/v1/executions/send HTTP/1.1",
							"Origin: " + origin + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n", "{}"),
					403, "ORIGIN_NOT_ALLOWED");
			assertErrorAnswer(
					raw("POST /api/v1/executions HTTP/1.1",
							"Origin: " + origin + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n", "[]"),
					403, "ORIGIN_NOT_ALLOWED");
			assertErrorAnswer(raw("GET /api/v1/executions HTTP/1.1", "Origin: " + origin + "\r\n"), 403,
					"ORIGIN_NOT_ALLOWED");
		}
		assertThat(storedRows()).isEqualTo(before);

		HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/api/v1/executions"))
			.header("Origin", PORTAL)
			.header("Access-Control-Request-Method", "DELETE")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
		assertErrorShape(wrongMethod, 403, "CORS_REJECTED");

		RawHttp.Answer allowed = raw("GET /api/v1/executions?limit=1 HTTP/1.1", "Origin: " + PORTAL + "\r\n");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("access-control-allow-origin")).isEqualTo(PORTAL);
		// the service's own origin (Swagger UI) is not cross-origin
		RawHttp.Answer same = raw("GET /api/v1/executions?limit=1 HTTP/1.1",
				"Origin: http://127.0.0.1:" + port + "\r\n");
		assertThat(same.status()).isEqualTo(200);
	}

	private HttpResponse<String> preflight(String origin) {
		return send(HttpRequest.newBuilder(uri("/api/v1/executions/send"))
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type,x-correlation-id")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
	}

}
