package org.kasbench.globeco.allocation.standins;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Trade Service stand-in over real HTTP: its pages, its failures, and answers held
 * until released.
 */
class TradeServiceStandInTest {

	private final TradeServiceStandIn trade = TradeServiceStandIn.start(0);

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		trade.close();
	}

	@Test
	void aKnownIdIsOnePageWithItsDeterministicPortfolio() throws Exception {
		HttpResponse<String> answer = lookUp("4711");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"executionServiceId\":4711")
			.contains("\"portfolioId\":\"" + TradeServiceStandIn.portfolioIdFor(4711) + "\"");
		assertThat(TradeServiceStandIn.portfolioIdFor(4711)).hasSize(24);
	}

	@Test
	void anUnknownIdIsAnEmptyPageAndABadQueryA400() throws Exception {
		assertThat(lookUp(Integer.toString(TradeServiceStandIn.FIRST_UNKNOWN_ID)).body())
			.startsWith("{\"executions\":[],");
		assertThat(lookUp("abc").statusCode()).isEqualTo(400);
	}

	@Test
	void failNextAnswers500ThatManyTimes() throws Exception {
		trade.failNext(2);

		assertThat(lookUp("1").statusCode()).isEqualTo(500);
		assertThat(lookUp("1").statusCode()).isEqualTo(500);
		assertThat(lookUp("1").statusCode()).isEqualTo(200);
		assertThat(trade.calls()).isEqualTo(3);
	}

	@Test
	void aCallInFlightAcrossAResetLeavesTheFailuresSetUpAfterItAlone() throws Exception {
		trade.holdAnswers();
		CompletableFuture<HttpResponse<String>> straggler = http.sendAsync(request("1"),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(10)).until(() -> trade.calls() == 1);

		trade.reset();
		trade.failNext(1);

		assertThat(straggler.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
		assertThat(lookUp("1").statusCode()).isEqualTo(500);
		assertThat(lookUp("1").statusCode()).isEqualTo(200);
	}

	@Test
	void heldAnswersWaitForTheRelease() throws Exception {
		trade.holdAnswers();

		CompletableFuture<HttpResponse<String>> held = http.sendAsync(request("7"),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(10)).until(() -> trade.calls() == 1);
		assertThat(held).as("counted but not answered").isNotDone();

		trade.releaseAnswers();

		assertThat(held.get().statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> lookUp(String id) throws Exception {
		return http.send(request(id), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String id) {
		return HttpRequest.newBuilder(URI.create(trade.baseUrl() + "/api/v2/executions?executionServiceId=" + id))
			.timeout(Duration.ofSeconds(30))
			.build();
	}

}
