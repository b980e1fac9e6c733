package org.kasbench.globeco.allocation.api;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.client.ApiClient;
import org.kasbench.globeco.allocation.client.api.BatchesApi;
import org.kasbench.globeco.allocation.client.api.ExecutionsApi;
import org.kasbench.globeco.allocation.client.api.SendApi;
import org.kasbench.globeco.allocation.client.model.BatchDto;
import org.kasbench.globeco.allocation.client.model.ExecutionDto;
import org.kasbench.globeco.allocation.client.model.ExecutionPage;
import org.kasbench.globeco.allocation.client.model.ExecutionPostDto;
import org.kasbench.globeco.allocation.client.model.IngestResponse;
import org.kasbench.globeco.allocation.client.model.SendResponse;
import org.kasbench.globeco.allocation.client.model.TimestampIn;
import org.kasbench.globeco.allocation.testsupport.Executions;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client that openapi-generator makes from the served document at build time
 * (allocation-api's pom) drives the running service: a client generated from the contract
 * works as it says.
 */
class GeneratedClientTest extends ApiTestSupport {

	@Test
	void postsListsSendsAndReadsTheBatch() throws Exception {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://127.0.0.1:" + port);
		client.setReadTimeout(Duration.ofSeconds(30));
		int executionServiceId = Executions.uniqueId();

		IngestResponse ingested = new ExecutionsApi(client)
			.ingestExecutions(List.of(generatedConfirmation(executionServiceId)));

		assertThat(ingested.getStatus()).isEqualTo(IngestResponse.StatusEnum.SUCCESS);
		ExecutionDto stored = ingested.getResults().getFirst().getExecution();
		assertThat(stored.getPortfolioId()).hasSize(24);

		ExecutionPage page = new ExecutionsApi(client).listExecutions(10, 0, "-id", null, null, null, null, null, null,
				executionServiceId, null);
		assertThat(page.getExecutions()).extracting(ExecutionDto::getId).containsExactly(stored.getId());

		SendResponse sent = new SendApi(client).sendExecutions(true, Map.of());
		assertThat(sent.getStatus()).isEqualTo(SendResponse.StatusEnum.COMPLETED);

		BatchDto batch = new BatchesApi(client).getBatch(sent.getBatchId());
		assertThat(batch.getStatus()).isEqualTo(BatchDto.StatusEnum.COMPLETED);
		assertThat(batch.getProcessedCount()).isPositive();
	}

	/** The Confirmation Service's payload (peers.md), as the generated model. */
	private static ExecutionPostDto generatedConfirmation(int executionServiceId) {
		return new ExecutionPostDto().executionServiceId(executionServiceId)
			.isOpen(false)
			.executionStatus("FULL")
			.tradeType(ExecutionPostDto.TradeTypeEnum.BUY)
			.destination("ML")
			.securityId("68336002fe95851f0a2aeda9")
			.ticker("IBM")
			.quantity(new BigDecimal("1000"))
			.receivedTimestamp(new TimestampIn(OffsetDateTime.parse("2025-05-27T14:39:27.509362Z")))
			.sentTimestamp(new TimestampIn(OffsetDateTime.parse("2025-05-27T14:39:27.512467Z")))
			.lastFillTimestamp(new TimestampIn(OffsetDateTime.parse("2025-05-27T14:41:44.1602714Z")))
			.quantityFilled(new BigDecimal("1000"))
			.totalAmount(new BigDecimal("190409.6"))
			.averagePrice(new BigDecimal("190.4096"));
	}

}
