package org.kasbench.globeco.allocation.execution.domain;

import java.util.regex.Pattern;

/**
 * What the Trade Service knows about the order behind an execution: its portfolio and
 * order id.
 */
public record TradeOrder(String portfolioId, Integer orderId) {

	private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9]{24}");

	/**
	 * The CLI requires exactly 24 characters; anything else would be refused downstream.
	 */
	public boolean hasUsablePortfolioId() {
		return portfolioId != null && OBJECT_ID.matcher(portfolioId).matches();
	}
}
