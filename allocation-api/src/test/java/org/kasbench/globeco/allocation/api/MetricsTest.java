package org.kasbench.globeco.allocation.api;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.Executions;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The series operators read are on /metrics once the service has done some work. */
class MetricsTest extends ApiTestSupport {

	@Test
	void ingestTradeServiceSendAndPoolSeriesArePublished() {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()).replace("\"BUY\"", "\"HOLD\"") + "]");
		assertThat(postJson("/api/v1/executions/send", "{}").statusCode()).isEqualTo(200);

		HttpResponse<String> metrics = send(
				HttpRequest.newBuilder(uri("/metrics")).header("Accept", "text/plain").GET().build());

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("allocation_ingest_executions_total{code=\"none\",status=\"SUCCESS\"}",
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

}
