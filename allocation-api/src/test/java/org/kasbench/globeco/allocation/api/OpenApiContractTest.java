package org.kasbench.globeco.allocation.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays a tour of every operation against the running service and validates every
 * response, and every request meant to be valid (a 404 or 409 included), against the
 * OpenAPI document the service itself serves (every API test's answers are held to it
 * too: ApiTestSupport).
 */
class OpenApiContractTest extends ApiTestSupport {

	/**
	 * The served document as committed: the Java client is generated from it at build
	 * time (openapi-generator-maven-plugin), so it must be what the service serves.
	 */
	static final Path COMMITTED = Path.of("src", "main", "openapi", "allocation-api.json");

	static final String REGENERATE = "./mvnw -B -ntp verify -DskipChaos -DskipITs -pl allocation-api -am"
			+ " -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.document.write=true";

	private final List<String> violations = new ArrayList<>();

	@Test
	void theCommittedDocumentIsTheServedOne() throws IOException {
		HttpResponse<String> served = get("/v3/api-docs");
		assertThat(served.statusCode()).isEqualTo(200);
		String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(served)) + "\n";
		if (Boolean.getBoolean("openapi.document.write")) {
			Files.writeString(COMMITTED, pretty);
		}
		assertThat(Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "")
			.as("%s is not the served document; regenerate it with\n  %s\nand commit it", COMMITTED, REGENERATE)
			.isEqualTo(pretty);
	}

	@Test
	void everyExampleInTheDocumentMatchesItsOwnOperation() {
		JsonNode paths = json(get("/v3/api-docs")).path("paths");
		List<String> violations = new ArrayList<>();
		int examples = 0;
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase(Locale.ROOT);
				for (JsonNode example : operation.getValue()
					.path("requestBody")
					.path("content")
					.path("application/json")
					.path("examples")) {
					examples++;
					violations
						.addAll(contract().exampleViolations(method, concrete, null, example.path("value").toString()));
				}
				for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
					for (JsonNode content : response.getValue().path("content")) {
						for (JsonNode example : content.path("examples")) {
							examples++;
							violations.addAll(contract().exampleViolations(method, concrete,
									Integer.valueOf(response.getKey()), example.path("value").toString()));
						}
					}
				}
			}
		}

		assertThat(examples).as("request and answer examples in the document").isGreaterThanOrEqualTo(5);
		assertThat(violations).isEmpty();
	}

	@Test
	void swaggerUiIsServedCompressedAndCacheableWhileAnswersAreNot() {
		HttpResponse<String> bundle = send(HttpRequest.newBuilder(uri("/swagger-ui/swagger-ui-bundle.js"))
			.header("Accept-Encoding", "gzip")
			.GET()
			.build());
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(bundle.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(bundle.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");

		HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/v1/executions?limit=100"))
			.header("Accept-Encoding", "gzip")
			.GET()
			.build());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
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
		exchange("POST", "/api/v1/executions", "[" + confirmation(esid + 2).replace("\"BUY\"", "\"HOLD\"") + "]",
				false);
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
		HttpResponse<String> response = send(http.build(), body);
		violations.addAll(contract().violations(method, pathAndQuery, body, contentType, response, requestIsValid));
		return response;
	}

}
