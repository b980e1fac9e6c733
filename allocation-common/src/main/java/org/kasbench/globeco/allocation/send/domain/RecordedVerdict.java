package org.kasbench.globeco.allocation.send.domain;

/**
 * The verdict recorded for a row of a batch that Portfolio Accounting did not plainly
 * take ({@code send_row_verdict}), with the CLI's words for it. On the wire, a batch's
 * {@code rowOutcomes}.
 */
public record RecordedVerdict(int executionId, RowVerdict verdict, String errorMessage) {

	public String sourceId() {
		return PortfolioAccountingTransaction.sourceId(executionId);
	}
}
