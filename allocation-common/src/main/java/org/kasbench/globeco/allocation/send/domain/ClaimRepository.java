package org.kasbench.globeco.allocation.send.domain;

/** How a batch claims the executions it sends, for good. */
public interface ClaimRepository {

	/**
	 * Claims, the first time it is called for a batch, every execution ready before its
	 * start time that no batch holds (so also rows whose insert committed after an
	 * earlier batch looked), at most {@code rowsPerStatement} rows per statement. Later
	 * calls claim nothing more. Returns how many rows the batch holds.
	 * @throws LeaseLostException when the batch is no longer the attempt's
	 */
	int claim(Attempt attempt, int rowsPerStatement);

}
