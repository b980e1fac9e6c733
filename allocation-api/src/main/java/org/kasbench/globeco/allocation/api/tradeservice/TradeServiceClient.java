package org.kasbench.globeco.allocation.api.tradeservice;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The one Trade Service call this service makes, as a Spring HTTP service client
 * (TradeServiceConfiguration backs it with a RestClient, observed as
 * {@code http.client.requests}).
 * <p>
 * Its failures are RestClient's: {@code RestClientResponseException} for an answer other
 * than 2xx, {@code ResourceAccessException} when no answer came (connection refused or
 * reset, timeout), another {@code RestClientException} when the answer could not be read.
 */
interface TradeServiceClient {

	@GetExchange("/api/v2/executions")
	TradeExecutionPage findExecutions(@RequestParam("executionServiceId") int executionServiceId);

}
