package org.kasbench.globeco.allocation.api.execution;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExecutionIngestApiTest extends ApiTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	BulkheadRegistry bulkheads;

	@Test
	void storesTheConfirmationServicesPayloadEnrichedWithItsPortfolio() {
		int id = Executions.uniqueId();

		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/executions"))
			.header("Content-Type", "application/json")
			.header("X-Correlation-ID", "corr-123")
			.POST(HttpRequest.BodyPublishers.ofString("[" + confirmation(id) + "]"))
			.build());

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("X-Correlation-ID")).contains("corr-123");
		JsonNode body = json(response);
		assertThat(body.get("status").asString()).isEqualTo("SUCCESS");
		assertThat(body.get("successful").asInt()).isEqualTo(1);
		JsonNode execution = body.get("results").get(0).get("execution");
		assertThat(body.get("results").get(0).get("status").asString()).isEqualTo("SUCCESS");
		assertThat(execution.get("portfolioId").asString()).isEqualTo(TradeServiceStandIn.portfolioIdFor(id));
		assertThat(execution.get("orderId").asInt()).isEqualTo(id + 100_000);
		assertThat(execution.get("isOpen").asBoolean()).isFalse();
		assertThat(execution.get("tradeDate").asString())
			.isEqualTo(LocalDate.now(ZoneId.of("America/New_York")).toString());
		assertThat(execution.get("averagePrice").decimalValue()).isEqualByComparingTo("190.4096");
		assertThat(execution.get("totalAmount").decimalValue()).isEqualByComparingTo("190409.6");
		assertThat(execution.get("receivedTimestamp").isNumber()).isTrue();
		assertThat(execution.get("receivedTimestamp").decimalValue()).isEqualByComparingTo("1748356767.509362");
		assertThat(execution.get("lastFilledTimestamp").decimalValue()).isEqualByComparingTo("1748356904.160271");
		assertThat(execution.get("readyToSendTimestamp").isNumber()).isTrue();
		assertThat(execution.get("version").asInt()).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT average_price FROM execution WHERE execution_service_id = ?",
				BigDecimal.class, id))
			.isEqualByComparingTo("190.4096");
	}

	@Test
	void aRepeatedPostIsADuplicateAnswered201WithTheStoredExecution() {
		int id = Executions.uniqueId();
		postJson("/api/v1/executions", "[" + confirmation(id) + "]");

		HttpResponse<String> again = postJson("/api/v1/executions",
				"[" + confirmation(id).replace("\"quantity\":1000", "\"quantity\":2000") + "]");

		assertThat(again.statusCode()).isEqualTo(201);
		JsonNode result = json(again).get("results").get(0);
		assertThat(result.get("status").asString()).isEqualTo("DUPLICATE");
		assertThat(result.get("execution").get("executionServiceId").asInt()).isEqualTo(id);
		assertThat(result.get("execution").get("quantity").decimalValue()).as("the first version stands")
			.isEqualByComparingTo("1000");
		assertThat(json(again).get("duplicates").asInt()).isEqualTo(1);
		assertThat(count(id)).isOne();
	}

	@Test
	void aRepeatDuringATradeServiceOutageIsStillADuplicate() {
		int id = Executions.uniqueId();
		postJson("/api/v1/executions", "[" + confirmation(id) + "]");
		TRADE_SERVICE.failingForGood(true);

		HttpResponse<String> again = postJson("/api/v1/executions", "[" + confirmation(id) + "]");

		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(json(again).get("results").get(0).get("status").asString()).isEqualTo("DUPLICATE");
		assertThat(count(id)).isOne();
	}

	@Test
	void acceptsEpochSecondTimestampsAndTheOtherLastFillSpellingAndIgnoresUnknownFields() {
		int id = Executions.uniqueId();
		String body = confirmation(id)
			.replace("\"receivedTimestamp\":\"2025-05-27T14:39:27.509362Z\"",
					"\"receivedTimestamp\":1748345329.233793461")
			.replace("\"lastFillTimestamp\"", "\"lastFilledTimestamp\"")
			.replace("\"isOpen\":false", "\"isOpen\":false,\"somethingNew\":{\"a\":[1]}");

		HttpResponse<String> response = postJson("/api/v1/executions", "[" + body + "]");

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode execution = json(response).get("results").get(0).get("execution");
		assertThat(execution.get("receivedTimestamp").decimalValue()).isEqualByComparingTo("1748345329.233793");
		assertThat(execution.get("lastFilledTimestamp").decimalValue()).isEqualByComparingTo("1748356904.160271");
	}

	@Test
	void anOpenExecutionIsSkippedAndNotStored() {
		int id = Executions.uniqueId();

		HttpResponse<String> response = postJson("/api/v1/executions",
				"[" + confirmation(id).replace("\"isOpen\":false", "\"isOpen\":true") + "]");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(json(response).get("results").get(0).get("status").asString()).isEqualTo("SKIPPED");
		assertThat(count(id)).isZero();
	}

	@Test
	void mixedResultsAre207AndEachElementGetsItsOwnOutcome() {
		int good = Executions.uniqueId();
		int noPortfolio = Executions.uniqueId();
		TRADE_SERVICE.withoutPortfolio(noPortfolio);
		int unknown = TradeServiceStandIn.FIRST_UNKNOWN_ID + Executions.uniqueId() % 1000;
		String tooPrecise = confirmation(Executions.uniqueId()).replace("\"averagePrice\":190.4096",
				"\"averagePrice\":190.123456789");
		String wrongType = confirmation(Executions.uniqueId()).replace("\"quantity\":1000", "\"quantity\":\"lots\"");

		HttpResponse<String> response = postJson("/api/v1/executions",
				"[" + String.join(",", confirmation(good), confirmation(noPortfolio), confirmation(unknown), tooPrecise,
						wrongType, "42", confirmation(good)) + "]");

		assertThat(response.statusCode()).isEqualTo(207);
		JsonNode body = json(response);
		assertThat(body.get("status").asString()).isEqualTo("PARTIAL_SUCCESS");
		List<String> statuses = statuses(body);
		assertThat(statuses).containsExactly("SUCCESS", "FAILED", "FAILED", "FAILED", "FAILED", "FAILED", "DUPLICATE");
		JsonNode results = body.get("results");
		assertThat(results.get(1).get("code").asString()).isEqualTo("PORTFOLIO_ID_MISSING");
		assertThat(results.get(2).get("code").asString()).isEqualTo("TRADE_EXECUTION_NOT_FOUND");
		assertThat(results.get(3).get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(results.get(3).get("message").asString()).contains("averagePrice");
		assertThat(results.get(4).get("message").asString()).contains("quantity");
		assertThat(results.get(5).get("message").asString()).contains("JSON object");
		assertThat(body.get("successful").asInt()).isEqualTo(2);
		assertThat(body.get("failed").asInt()).isEqualTo(5);
		assertThat(count(good)).isOne();
		assertThat(count(noPortfolio) + count(unknown)).isZero();
		assertThat(response.body()).doesNotContain("Exception", "java.", "tools.jackson");
	}

	@Test
	void allInvalidIs400WithFieldNames() {
		String invalid = confirmation(Executions.uniqueId()).replace("\"tradeType\":\"BUY\"", "\"tradeType\":\"HOLD\"")
			.replace("\"securityId\":\"68336002fe95851f0a2aeda9\"", "\"securityId\":\"short\"");

		HttpResponse<String> response = postJson("/api/v1/executions", "[" + invalid + "]");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode result = json(response).get("results").get(0);
		assertThat(result.get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(result.get("message").asString()).contains("tradeType", "securityId");
	}

	@Test
	void transientTradeServiceFailuresAreRetried() {
		int id = Executions.uniqueId();
		TRADE_SERVICE.failNext(2);

		HttpResponse<String> response = postJson("/api/v1/executions", "[" + confirmation(id) + "]");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(TRADE_SERVICE.calls()).isEqualTo(3);
	}

	@Test
	void aTradeServiceRefusalIsNotRetried() {
		TRADE_SERVICE.failNext(1, 400);

		HttpResponse<String> response = postOneNewExecution();

		assertTheElementFailed(response, "TRADE_SERVICE_REJECTED", "HTTP 400", 1);
	}

	@Test
	void retriesAreTheLookupsOwnAndNoneHiddenInTheHttpClient() {
		TRADE_SERVICE.failNext(3, 503); // one per attempt: an HTTP client retrying too
										// would get through

		HttpResponse<String> response = postOneNewExecution();

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(TRADE_SERVICE.calls()).isEqualTo(3);
	}

	@Test
	void aTradeServiceAnswerThatCannotBeReadIsUnavailableWithoutARetry() {
		TRADE_SERVICE.truncateNext(1);

		HttpResponse<String> response = postOneNewExecution();

		assertThat(response.statusCode()).isEqualTo(503);
		assertTheElementFailed(response, "TRADE_SERVICE_UNAVAILABLE", "could not be read", 1);
	}

	@Test
	void aTradeServiceTooSlowToAnswerTimesOutAndIsRetried() {
		TRADE_SERVICE.latency(Duration.ofMillis(800)); // over the tests' 500 ms read
														// timeout

		HttpResponse<String> response = postOneNewExecution();

		assertThat(response.statusCode()).isEqualTo(503);
		assertTheElementFailed(response, "TRADE_SERVICE_UNAVAILABLE", "after 3 attempts", 3);
	}

	private HttpResponse<String> postOneNewExecution() {
		return postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");
	}

	/**
	 * The post's only element failed with this code and message, after this many Trade
	 * Service calls.
	 */
	private static void assertTheElementFailed(HttpResponse<String> response, String code, String messagePart,
			int tradeServiceCalls) {
		JsonNode result = json(response).get("results").get(0);
		assertThat(result.get("code").asString()).isEqualTo(code);
		assertThat(result.get("message").asString()).contains(messagePart);
		assertThat(TRADE_SERVICE.calls()).isEqualTo(tradeServiceCalls);
	}

	@Test
	void aTradeServiceOutageIs503WithRetryAfterAndTheBreakerThenFailsFast() {
		TRADE_SERVICE.failingForGood(true);
		HttpResponse<String> first = postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");

		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(first.headers().firstValue("Retry-After")).isPresent();
		assertThat(json(first).get("results").get(0).get("code").asString()).isEqualTo("TRADE_SERVICE_UNAVAILABLE");
		assertThat(TRADE_SERVICE.calls()).isEqualTo(3);

		String many = IntStream.range(0, 10)
			.mapToObj(i -> confirmation(Executions.uniqueId()))
			.collect(Collectors.joining(","));
		postJson("/api/v1/executions", "[" + many + "]");
		int callsWhenOpen = TRADE_SERVICE.calls();
		HttpResponse<String> whileOpen = postJson("/api/v1/executions",
				"[" + confirmation(Executions.uniqueId()) + "]");

		assertThat(whileOpen.statusCode()).isEqualTo(503);
		assertThat(json(whileOpen).get("results").get(0).get("message").asString()).contains("circuit");
		assertThat(TRADE_SERVICE.calls()).as("an open breaker makes no call").isEqualTo(callsWhenOpen);
	}

	@Test
	void theBulkheadBoundsTheLookUpsInFlightAndTheRestWaitTheirTurn() {
		int limit = bulkheads.bulkhead("trade-service").getBulkheadConfig().getMaxConcurrentCalls();
		assertThat(limit).as("resilience4j.bulkhead.instances.trade-service.max-concurrent-calls").isEqualTo(32);
		// A service that has made its first look-up (the first one of a fresh context can
		// outlast the tests' 500 ms read timeout).
		assertThat(postOneNewExecution().statusCode()).isEqualTo(201);
		TRADE_SERVICE.reset();
		TRADE_SERVICE.holdAnswers();
		String many = IntStream.range(0, limit + 8)
			.mapToObj(i -> confirmation(Executions.uniqueId()))
			.collect(Collectors.joining(",", "[", "]"));

		CompletableFuture<HttpResponse<String>> post = CompletableFuture
			.supplyAsync(() -> postJson("/api/v1/executions", many));
		// Held answers never finish, so every call the stand-in has seen is in flight
		// (until the tests' 500 ms read timeout).
		await().atMost(Duration.ofMillis(450))
			.pollInterval(Duration.ofMillis(5))

			.until(() -> bulkheads.bulkhead("trade-service").getMetrics().getAvailableConcurrentCalls() == 0
					&& TRADE_SERVICE.calls() == limit);
		TRADE_SERVICE.releaseAnswers();

		HttpResponse<String> response = post.join();
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(json(response).get("successful").asInt()).isEqualTo(limit + 8);
	}

	@Test
	void concurrentPostsOfTheSameExecutionEndInOneRowAndNo5xx() {
		int id = Executions.uniqueId();
		TRADE_SERVICE.latency(java.time.Duration.ofMillis(20));

		List<Integer> statuses = IntStream.range(0, 12)
			.mapToObj(i -> CompletableFuture
				.supplyAsync(() -> postJson("/api/v1/executions", "[" + confirmation(id) + "]")))
			.toList()
			.stream()
			.map(f -> f.join().statusCode())
			.toList();

		assertThat(statuses).containsOnly(201);
		assertThat(count(id)).isOne();
	}

	@Test
	void aFullRequestOfOneHundredIsStoredInOneGo() {
		List<Integer> ids = IntStream.range(0, 100).mapToObj(i -> Executions.uniqueId()).toList();

		HttpResponse<String> response = postJson("/api/v1/executions",
				ids.stream().map(ApiTestSupport::confirmation).collect(Collectors.joining(",", "[", "]")));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(json(response).get("successful").asInt()).isEqualTo(100);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM execution WHERE execution_service_id = ANY(?)",
				Integer.class, (Object) ids.toArray(Integer[]::new)))
			.isEqualTo(100);
	}

	@Test
	void wholeRequestErrors() {
		assertErrorShape(postJson("/api/v1/executions", "not json"), 400, "MALFORMED_REQUEST");
		assertErrorShape(postJson("/api/v1/executions", "{\"executionServiceId\":1}"), 400, "VALIDATION_FAILED");
		assertErrorShape(postJson("/api/v1/executions", "[]"), 400, "VALIDATION_FAILED");
		assertErrorShape(postJson("/api/v1/executions", ""), 400, "MALFORMED_REQUEST");
		assertErrorShape(
				postJson("/api/v1/executions",
						IntStream.range(0, 101).mapToObj(i -> "{}").collect(Collectors.joining(",", "[", "]"))),
				413, "TOO_MANY_EXECUTIONS");
		assertErrorShape(post("/api/v1/executions", "[" + confirmation(1) + "]", "text/plain"), 415,
				"UNSUPPORTED_MEDIA_TYPE");
		assertErrorShape(postJson("/api/v1/executions", "[\"" + "x".repeat(1_100_000) + "\"]"), 413,
				"PAYLOAD_TOO_LARGE");
	}

	@Test
	void aChunkedBodyOverTheLimitIs413() {
		byte[] big = ("[\"" + "x".repeat(1_100_000) + "\"]").getBytes();
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/executions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
			.build());

		assertErrorShape(response, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.SECONDS) // "quickly": a 1e400000000 must not be
													// expanded, nor a year 10^9 computed
	void hostileValuesFailTheirElementQuicklyAndNeverReachTheDatabase() {
		int huge = Executions.uniqueId();
		int nul = Executions.uniqueId();
		int farFuture = Executions.uniqueId();
		String body = "[" + String.join(",",
				confirmation(huge).replace("\"receivedTimestamp\":\"2025-05-27T14:39:27.509362Z\"",
						"\"receivedTimestamp\":1e400000000"),
				confirmation(nul).replace("\"ticker\":\"IBM\"", "\"ticker\":\"I\\u0000BM\""),
				confirmation(farFuture).replace("2025-05-27T14:39:27.512467Z", "+300000-01-01T00:00:00Z")) + "]";

		HttpResponse<String> response = postJson("/api/v1/executions", body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(statuses(json(response))).containsOnly("FAILED");
		JsonNode results = json(response).get("results");
		assertThat(results.get(0).get("message").asString()).contains("receivedTimestamp");
		assertThat(results.get(1).get("message").asString()).contains("ticker", "control characters");
		assertThat(results.get(2).get("message").asString()).contains("timestampsInRange");
		assertThat(count(huge) + count(nul) + count(farFuture)).isZero();
	}

	private int count(int executionServiceId) {
		return jdbc.queryForObject("SELECT count(*) FROM execution WHERE execution_service_id = ?", Integer.class,
				executionServiceId);
	}

	private static List<String> statuses(JsonNode body) {
		return body.get("results").valueStream().map(r -> r.get("status").asString()).toList();
	}

}
