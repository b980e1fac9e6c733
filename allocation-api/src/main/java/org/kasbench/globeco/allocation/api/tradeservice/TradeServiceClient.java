package org.kasbench.globeco.allocation.api.tradeservice;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The one Trade Service call this service makes, as an OpenFeign client over Apache
 * HttpClient 5, observed as {@code http.client.requests}. The address, timeouts and the
 * connection pool come from {@code spring.cloud.openfeign.*} in {@code application.yml},
 * which hands it the {@code allocation.trade.*} settings; the address is not given here
 * because an annotation's value is resolved at build time in the image (Spring AOT),
 * while the configured {@code url} is read when the process starts.
 * <p>
 * Its failures are Feign's ({@link TransientTradeServiceFailure} says which may pass).
 */
@FeignClient(name = TradeOrderLookup.NAME)
interface TradeServiceClient {

	@GetMapping("/api/v2/executions")
	TradeExecutionPage findExecutions(@RequestParam("executionServiceId") int executionServiceId);

}
