package org.kasbench.globeco.allocation.api;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On SIGTERM (a context close), readiness goes down first and requests in flight still
 * finish. The Trade Service stand-in holds the ingest's look-up until readiness is down,
 * so the request is in flight for exactly that long.
 */
class GracefulShutdownTest {

	@Test
	void readinessGoesDownFirstAndAnInFlightIngestCompletes() {
		TestDatabase db = TestDatabase.shared();
		try (TradeServiceStandIn trade = TradeServiceStandIn.start(0).holdAnswers()) {
			AtomicLong refusingTrafficAt = new AtomicLong();
			ConfigurableApplicationContext app = new SpringApplicationBuilder(AllocationApiApplication.class)
				.listeners((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
					if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
						refusingTrafficAt.set(System.nanoTime());
					}
				})
				.run("--server.port=0", "--spring.datasource.url=" + db.url(),
						"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
						"--allocation.trade.url=" + trade.baseUrl(), "--allocation.trade.read-timeout-ms=30000");
			int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			int esid = Executions.uniqueId();
			HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("[" + ApiTestSupport.confirmation(esid) + "]"))
				.build();
			AtomicLong answeredAt = new AtomicLong();
			CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient()
				.sendAsync(post, HttpResponse.BodyHandlers.ofString())
				.whenComplete((r, e) -> answeredAt.set(System.nanoTime()));
			await().atMost(Duration.ofSeconds(10)).until(() -> trade.calls() > 0);

			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(app::close);
			await().atMost(Duration.ofSeconds(10)).until(() -> refusingTrafficAt.get() > 0);
			trade.releaseAnswers();

			assertThat(inFlight.join().statusCode()).isEqualTo(201);
			shutdown.join();
			assertThat(refusingTrafficAt.get()).as("readiness went down")
				.isPositive()
				.as("before the in-flight request was answered")
				.isLessThan(answeredAt.get());
			assertThat(new JdbcTemplate(db.dataSource())
				.queryForObject("SELECT count(*) FROM execution WHERE execution_service_id = ?", Integer.class, esid))
				.isOne();
		}
	}

}
