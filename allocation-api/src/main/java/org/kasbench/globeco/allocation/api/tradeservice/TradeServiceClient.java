package org.kasbench.globeco.allocation.api.tradeservice;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The one Trade Service call this service makes. Timeouts and the connection pool come
 * from configuration.
 */
@FeignClient(name = "trade-service", url = "${allocation.trade.url}")
interface TradeServiceClient {

	@GetMapping("/api/v2/executions")
	TradeExecutionPage findExecutions(@RequestParam("executionServiceId") int executionServiceId);

}
