package org.kasbench.globeco.allocation.send.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One transaction for Portfolio Accounting, mapped from an execution as the requirements
 * say. The source id ("AC" and the execution id) is unique downstream, which is what
 * makes re-sending a batch safe.
 */
public record PortfolioAccountingTransaction(String portfolioId, String securityId, String sourceId,
		String transactionType, BigDecimal quantity, BigDecimal price, LocalDate transactionDate) {

	public static final String SOURCE_ID_PREFIX = "AC";

	public static PortfolioAccountingTransaction of(ExecutionToSend e) {
		return new PortfolioAccountingTransaction(e.portfolioId().trim(), e.securityId().trim(), sourceId(e.id()),
				e.tradeType(), e.quantity(), e.averagePrice(), e.tradeDate());
	}

	public static String sourceId(int executionId) {
		return SOURCE_ID_PREFIX + executionId;
	}

	/** The execution id behind one of our source ids, or -1 for anything else. */
	public static int executionId(String sourceId) {
		String s = sourceId == null ? "" : sourceId.strip();
		if (!s.startsWith(SOURCE_ID_PREFIX) || s.length() == SOURCE_ID_PREFIX.length()
				|| s.length() > SOURCE_ID_PREFIX.length() + 9) {
			return -1;
		}
		for (int i = SOURCE_ID_PREFIX.length(); i < s.length(); i++) {
			if (s.charAt(i) < '0' || s.charAt(i) > '9') {
				return -1;
			}
		}
		return Integer.parseInt(s.substring(SOURCE_ID_PREFIX.length()));
	}
}
