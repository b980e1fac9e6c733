package org.kasbench.globeco.allocation.api;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.Executions;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series operators read are on /metrics once the service has done some work, and
 * /info says what runs.
 */
class MetricsTest extends ApiTestSupport {

	@Test
	void ingestTradeServiceSendAndPoolSeriesArePublished() {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()).replace("\"BUY\"", "\"HOLD\"") + "]");
		assertThat(postJson("/api/v1/executions/send", "{}").statusCode()).isEqualTo(200);

		assertThat(scrape("text/plain")).contains(
				"allocation_ingest_executions_total{code=\"none\",status=\"SUCCESS\"}",
				"allocation_ingest_executions_total{code=\"VALIDATION_FAILED\",status=\"FAILED\"}",
				"allocation_trade_lookup_seconds_count{outcome=\"FOUND\"}", "resilience4j_circuitbreaker_state",
				"resilience4j_retry_calls", "resilience4j_bulkhead_available_concurrent_calls",
				"http_client_requests_seconds_count{clientName=\"org.kasbench.globeco.allocation.api.tradeservice.TradeServiceClient\"",
				"allocation_send_batches_total{status=\"COMPLETED\"}",
				"allocation_send_rows_total{verdict=\"DELIVERED\"}",
				"allocation_send_rows_total{verdict=\"NOT_DELIVERED\"}",
				"allocation_delivery_oldest_undelivered_age_seconds ", "allocation_executions{state=\"unsent\"}",
				"allocation_executions{state=\"in_unfinished_batch\"}", "allocation_executions{state=\"delivered\"}",
				"allocation_executions{state=\"refused\"}", "allocation_send_batches_attention ",
				"allocation_cli_run_seconds_count{mode=\"exec\",outcome=\"success\"}", "spring_batch_step",
				"hikaricp_connections_active", "http_server_requests_seconds_count");
	}

	@Test
	void theTimersOperatorsTakeQuantilesOfAreHistogramsWithTheirOwnBuckets() {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");
		assertThat(postJson("/api/v1/executions/send", "{}").statusCode()).isEqualTo(200);

		String metrics = scrape("text/plain;version=0.0.4");

		assertThat(metrics).contains(
				"http_server_requests_seconds_bucket{error=\"none\",exception=\"none\",method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/executions\",le=\"0.25\"}",
				"allocation_trade_lookup_seconds_bucket{outcome=\"FOUND\",le=\"0.002\"}",
				"http_client_requests_seconds_bucket{",
				"allocation_cli_run_seconds_bucket{mode=\"exec\",outcome=\"success\",le=\"600.0\"}",
				"spring_batch_step_seconds_bucket{", "spring_batch_job_seconds_bucket{");
		assertThat(metrics).as("Micrometer's default percentile histogram (about 70 buckets) is not what is used")
			.doesNotContain("le=\"0.001048576\"");
	}

	/**
	 * Prometheus before 2.43 refuses a whole OpenMetrics scrape with an exemplar anywhere
	 * but on a counter's {@code _total} or a histogram's {@code _bucket} line.
	 */
	@Test
	void exemplarsOfKeptTracesAreOnlyWhereEveryPrometheusAcceptsThem() {
		for (int i = 0; i < 3; i++) {
			send(HttpRequest.newBuilder(uri("/api/v1/executions"))
				.header("Content-Type", "application/json")
				.header("traceparent", "00-" + randomHex(16) + "-" + randomHex(8) + "-01")
				.POST(HttpRequest.BodyPublishers.ofString("[" + confirmation(Executions.uniqueId()) + "]"))
				.build());
		}

		String metrics = scrape("application/openmetrics-text;version=1.0.0");

		assertThat(metrics.lines().filter(line -> line.contains(" # {"))).as("the kept traces left exemplars")
			.isNotEmpty()
			.allSatisfy(line -> assertThat(line.substring(0, line.indexOf('{'))).matches(".*(_total|_bucket)"));
	}

	@Test
	void infoSaysWhichBuildRunsAndSinceWhen() {
		HttpResponse<String> info = get("/info");

		assertThat(info.statusCode()).isEqualTo(200);
		JsonNode body = json(info);
		assertThat(body.at("/build/version").asString()).isNotBlank();
		assertThat(body.at("/build/artifact").asString()).isEqualTo("allocation-api");
		assertThat(Instant.parse(body.at("/process/startTime").asString())).isBefore(Instant.now());
	}

	private String scrape(String accept) {
		HttpResponse<String> metrics = send(
				HttpRequest.newBuilder(uri("/metrics")).header("Accept", accept).GET().build());
		assertThat(metrics.statusCode()).isEqualTo(200);
		return metrics.body();
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
