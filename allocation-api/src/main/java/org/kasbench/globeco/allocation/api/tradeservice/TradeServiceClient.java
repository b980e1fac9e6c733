package org.kasbench.globeco.allocation.api.tradeservice;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The one Trade Service call this service makes. The address, timeouts and the connection
 * pool come from configuration ({@code application.yml}); the address is not given here
 * because an annotation's value is resolved at build time in the image (Spring AOT),
 * while the client's configured {@code url} is read when the process starts.
 */
@FeignClient(name = "trade-service")
interface TradeServiceClient {

	@GetMapping("/api/v2/executions")
	TradeExecutionPage findExecutions(@RequestParam("executionServiceId") int executionServiceId);

}
