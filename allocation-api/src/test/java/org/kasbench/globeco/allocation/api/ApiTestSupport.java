package org.kasbench.globeco.allocation.api;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.kasbench.globeco.allocation.testsupport.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the API's integration tests: the real application on a random port, a fresh
 * PostgreSQL database, and the Trade Service stand-in over real HTTP. Tests talk to the
 * API through a plain HTTP client. The warm-up before readiness is off (WarmUpTest turns
 * it on), so every test sees only its own requests in the metrics. The settings the edge
 * tests need are set here, so that they share their context with the other tests: one
 * allowed CORS origin, and a short read timeout (a body shorter than its Content-Length
 * is answered within about a second) with the keep-alive of production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "allocation.warmup.enabled=false",
				"allocation.http.cors.allowed-origins=" + ApiTestSupport.PORTAL,
				"server.tomcat.connection-timeout=500ms", "server.tomcat.keep-alive-timeout=20s" })
// A margin for the CLI stand-in's JVM; a subclass's @TestPropertySource overrides it
// (SendTimeoutApiTest).
@TestPropertySource(properties = "allocation.cli.timeout=5s")
public abstract class ApiTestSupport extends DatabaseTest {

	/** The one origin allowed to call the API from a browser. */
	protected static final String PORTAL = "https://portal.globeco.example";

	protected static final TradeServiceStandIn TRADE_SERVICE = TradeServiceStandIn.start(0);

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	protected static final Path FILES = tempDir();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The served document, per running service (each test context serves its own). */
	private static final Map<Integer, ServedContract> CONTRACTS = new ConcurrentHashMap<>();

	@LocalServerPort
	protected int port;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void tradeService(DynamicPropertyRegistry registry) {
		registry.add("allocation.trade.url", TRADE_SERVICE::baseUrl);
		registry.add("allocation.trade.initial-backoff", () -> "5ms");
		registry.add("allocation.trade.read-timeout-ms", () -> "500");
		registry.add("allocation.files.dir", FILES::toString);
		registry.add("allocation.cli.mode", () -> "exec");
		registry.add("allocation.cli.command", CliStandIns::execCommand);
	}

	@AfterEach
	void resetStandIns() {
		CliStandIns.mode(FILES, "ok");
		TRADE_SERVICE.reset();
		circuitBreakers.getAllCircuitBreakers().forEach(cb -> cb.reset());
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("allocation-api-test");
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	protected HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/json").build());
	}

	protected HttpResponse<String> postJson(String path, String body) {
		return post(path, body, "application/json");
	}

	protected HttpResponse<String> post(String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request.build(), body);
	}

	/**
	 * Posts one new execution, then starts a send whose CLI waits until
	 * {@link CliStandIns#release released}; the send's answer comes later.
	 */
	protected CompletableFuture<HttpResponse<String>> startAHeldSend() {
		assertThat(postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]").statusCode())
			.isEqualTo(201);
		CliStandIns.mode(FILES, CliStandIns.HOLD);
		return HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/v1/executions/send"))
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends a request whose body the test does not name; its answer is still held to the
	 * served document.
	 */
	protected HttpResponse<String> send(HttpRequest request) {
		return send(request, null);
	}

	/**
	 * Every exchange with the API is held to the OpenAPI document the service serves: the
	 * answer always, the request when the service took it (a 2xx other than 207, whose
	 * failed elements may break the document's rules).
	 */
	protected HttpResponse<String> send(HttpRequest request, String body) {
		HttpResponse<String> response = exchange(request);
		String pathAndQuery = request.uri().getRawPath()
				+ (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
		if (pathAndQuery.startsWith("/api/")) {
			int status = response.statusCode();
			boolean taken = status >= 200 && status < 300 && status != 207
					&& (body != null || request.bodyPublisher().map(p -> p.contentLength() == 0).orElse(true));
			assertThat(contract().violations(request.method(), pathAndQuery, body,
					request.headers().firstValue("Content-Type").orElse(null), response, taken))
				.as("the exchange against the served OpenAPI document")
				.isEmpty();
		}
		return response;
	}

	protected ServedContract contract() {
		return CONTRACTS.computeIfAbsent(port, p -> {
			HttpResponse<String> document = exchange(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build());
			assertThat(document.statusCode()).isEqualTo(200);
			return new ServedContract(document.body());
		});
	}

	private static HttpResponse<String> exchange(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/**
	 * The Confirmation Service's payload (docs/api.md, docs/neighbours.md), for a given
	 * execution service id.
	 */
	public static String confirmation(int executionServiceId) {
		return """
				{"executionServiceId":%d,"isOpen":false,"executionStatus":"FULL","tradeType":"BUY","destination":"ML",
				 "securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":1000,"limitPrice":null,
				 "receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z",
				 "lastFillTimestamp":"2025-05-27T14:41:44.1602714Z","quantityFilled":1000,"totalAmount":190409.6,
				 "averagePrice":190.4096}""".formatted(executionServiceId);
	}

	/** An error body must have the shared shape and give nothing away. */
	protected static void assertErrorShape(HttpResponse<String> response, int status, String code) {
		JsonNode body = json(response);
		org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(status);
		org.assertj.core.api.Assertions.assertThat(body.get("status").asInt()).isEqualTo(status);
		org.assertj.core.api.Assertions.assertThat(body.get("code").asString()).isEqualTo(code);
		org.assertj.core.api.Assertions
			.assertThat(body.has("error") && body.has("message") && body.has("path") && body.has("timestamp")
					&& body.has("correlationId") && body.has("details"))
			.isTrue();
		org.assertj.core.api.Assertions.assertThat(body.get("timestamp").isNumber()).isTrue();
		org.assertj.core.api.Assertions.assertThat(response.body())
			.doesNotContain("Exception", "at org.", "SELECT", "INSERT", "org.kasbench", "java.");
	}

}
