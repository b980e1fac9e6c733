package org.kasbench.globeco.allocation.send.domain;

/**
 * A row of a batch that Portfolio Accounting did not plainly take, with the CLI's words
 * for it.
 */
public record RowOutcome(int executionId, RowVerdict verdict, String errorMessage) {

	public String sourceId() {
		return PortfolioAccountingTransaction.sourceId(executionId);
	}
}
