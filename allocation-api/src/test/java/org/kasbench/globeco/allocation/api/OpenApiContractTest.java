package org.kasbench.globeco.allocation.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays real requests against the running service and validates every response (and
 * every request meant to be valid) against the OpenAPI document the service itself
 * serves, so the document cannot drift from the code. Unknown properties count as errors,
 * so the document must name every field the service sends.
 */
class OpenApiContractTest extends ApiTestSupport {

	private OpenApiInteractionValidator validator;

	private final List<String> violations = new ArrayList<>();

	@BeforeEach
	void loadServedDocument() {
		HttpResponse<String> document = get("/v3/api-docs");
		assertThat(document.statusCode()).isEqualTo(200);
		validator = OpenApiInteractionValidator.createForInlineApiSpecification(document.body()).build();
	}

	@Test
	void everyResponseMatchesTheServedDocument() {
		int esid = Executions.uniqueId();
		String one = "[" + confirmation(esid) + "]";
		HttpResponse<String> created = exchange("POST", "/api/v1/executions", one, true);
		exchange("POST", "/api/v1/executions", one, true); // duplicate
		TRADE_SERVICE.withoutPortfolio(esid + 1);
		exchange("POST", "/api/v1/executions",
				"[" + confirmation(esid + 1) + "," + confirmation(Executions.uniqueId()) + "]", true);
		exchange("POST", "/api/v1/executions", "[" + confirmation(esid + 2).replace("\"BUY\"", "\"HOLD\"") + "]", true);
		exchange("POST", "/api/v1/executions", "{}", false);
		exchange("POST", "/api/v1/executions",
				IntStream.range(0, 101).mapToObj(i -> "{}").collect(Collectors.joining(",", "[", "]")), false);
		exchangeWithType("POST", "/api/v1/executions", "x", "text/plain");
		TRADE_SERVICE.failingForGood(true);
		exchange("POST", "/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]", true);
		TRADE_SERVICE.failingForGood(false);

		int id = json(created).get("results").get(0).get("execution").get("id").asInt();
		exchange("GET", "/api/v1/executions/" + id, null, true);
		exchange("GET", "/api/v1/execution/" + id, null, true);
		exchange("GET", "/api/v1/executions/2147483647", null, true);
		exchange("GET", "/api/v1/executions/abc", null, false);
		exchange("GET", "/api/v1/executions?limit=2&offset=0&sortBy=-id&tradeType=BUY", null, true);
		exchange("GET", "/api/v1/executions?limit=0", null, false);

		HttpResponse<String> sent = exchange("POST", "/api/v1/executions/send", "{}", true);
		int batchId = json(sent).get("batchId").asInt();
		exchange("POST", "/api/v1/executions/send", "{}", true); // nothing to send
		exchange("GET", "/api/v1/batches?limit=5", null, true);
		exchange("GET", "/api/v1/batches/" + batchId, null, true);
		exchange("GET", "/api/v1/batches/999999", null, true);
		exchange("POST", "/api/v1/batches/" + batchId + "/retry", null, true);
		exchange("POST", "/api/v1/batches/" + batchId + "/requeue-refused", null, true);

		exchange("POST", "/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]", true);
		CliStandIns.mode(FILES, "fail");
		exchange("POST", "/api/v1/executions/send", null, true);

		assertThat(violations).isEmpty();
	}

	private HttpResponse<String> exchange(String method, String pathAndQuery, String body, boolean requestIsValid) {
		return exchange(method, pathAndQuery, body, body == null ? null : "application/json", requestIsValid);
	}

	private HttpResponse<String> exchangeWithType(String method, String path, String body, String contentType) {
		return exchange(method, path, body, contentType, false);
	}

	private HttpResponse<String> exchange(String method, String pathAndQuery, String body, String contentType,
			boolean requestIsValid) {
		HttpRequest.Builder http = HttpRequest.newBuilder(uri(pathAndQuery))
			.header("Accept", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			http.header("Content-Type", contentType);
		}
		HttpResponse<String> response = send(http.build());

		URI uri = URI.create(pathAndQuery);
		SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getPath()).withHeader("Accept",
				"application/json");
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String[] kv = pair.split("=", 2);
				request.withQueryParam(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
			}
		}
		if (body != null) {
			request.withBody(body).withContentType(contentType);
		}
		SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
		response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
		Request built = request.build();
		ValidationReport report = requestIsValid ? validator.validate(built, answer.build())
				: validator.validateResponse(uri.getPath(), Request.Method.valueOf(method), answer.build());
		report.getMessages()
			.stream()
			.filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
			.forEach(m -> violations.add(method + " " + pathAndQuery + " -> " + response.statusCode() + ": " + m));
		return response;
	}

}
