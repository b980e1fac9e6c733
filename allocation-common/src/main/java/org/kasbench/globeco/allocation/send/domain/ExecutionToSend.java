package org.kasbench.globeco.allocation.send.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The columns of a claimed execution that the Portfolio Accounting file needs. */
public record ExecutionToSend(int id, String portfolioId, String securityId, String tradeType, BigDecimal quantity,
		BigDecimal averagePrice, LocalDate tradeDate) {
}
