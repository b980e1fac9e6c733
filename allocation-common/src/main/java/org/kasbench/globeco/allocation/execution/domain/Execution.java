package org.kasbench.globeco.allocation.execution.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A stored execution. {@code batchId} is the send batch that claimed it, null until one
 * does.
 */
public record Execution(int id, int executionServiceId, boolean isOpen, String executionStatus, String tradeType,
		String destination, LocalDate tradeDate, String securityId, String portfolioId, Integer orderId, String ticker,
		BigDecimal quantity, BigDecimal limitPrice, OffsetDateTime receivedTimestamp, OffsetDateTime sentTimestamp,
		OffsetDateTime lastFillTimestamp, BigDecimal quantityFilled, BigDecimal totalAmount, BigDecimal averagePrice,
		OffsetDateTime readyToSendTimestamp, Integer batchId, int version) {
}
