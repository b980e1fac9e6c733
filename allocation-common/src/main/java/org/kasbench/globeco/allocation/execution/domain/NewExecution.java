package org.kasbench.globeco.allocation.execution.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A closed execution enriched with its portfolio, ready to be stored. The ready-to-send
 * time and the version are deliberately absent: the database's column defaults set them.
 */
public record NewExecution(int executionServiceId, String executionStatus, String tradeType, String destination,
		LocalDate tradeDate, String securityId, String ticker, String portfolioId, Integer orderId, BigDecimal quantity,
		BigDecimal limitPrice, OffsetDateTime receivedTimestamp, OffsetDateTime sentTimestamp,
		OffsetDateTime lastFillTimestamp, BigDecimal quantityFilled, BigDecimal totalAmount, BigDecimal averagePrice) {

	/** An order id sent by the caller wins over the Trade Service's. */
	public static NewExecution enrich(IncomingExecution in, TradeOrder order, LocalDate tradeDate) {
		return new NewExecution(in.executionServiceId(), in.executionStatus(), in.tradeType(), in.destination(),
				tradeDate, in.securityId(), in.ticker(), order.portfolioId(),
				in.orderId() != null ? in.orderId() : order.orderId(), in.quantity(), in.limitPrice(),
				in.receivedTimestamp(), in.sentTimestamp(), in.lastFillTimestamp(), in.quantityFilled(),
				in.totalAmountOrZero(), in.averagePrice());
	}
}
