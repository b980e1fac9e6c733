package org.kasbench.globeco.allocation.api.tradeservice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The parts of the Trade Service's execution page that we read; everything else is
 * ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TradeExecutionPage(List<TradeExecution> executions) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TradeExecution(Integer executionServiceId, TradeOrder tradeOrder) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TradeOrder(Integer orderId, Portfolio portfolio) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Portfolio(String portfolioId) {
	}
}
