package org.kasbench.globeco.allocation.send.domain;

/**
 * Why a batch is FAILED; decides the HTTP answer. Every FAILED batch is retried
 * automatically, with backoff.
 */
public enum FailureReason {

	/**
	 * The CLI (or its Job) could not be run or exited non-zero: no verdict for any row.
	 */
	CLI_FAILED, CLI_TIMEOUT,
	/**
	 * The CLI ran, but some rows never reached Portfolio Accounting; only those are sent
	 * again.
	 */
	NOT_DELIVERED,
	/** The shared files directory could not be written (full, read-only, missing). */
	FILES_UNAVAILABLE,
	/**
	 * The process running the batch shut down (a rolling update) while the CLI ran; the
	 * CLI was stopped with everything it started, and the batch is due again at once.
	 */
	INTERRUPTED_BY_SHUTDOWN,
	/**
	 * An operator requeued the rows Portfolio Accounting had refused; the next attempt
	 * sends them again.
	 */
	REQUEUED, INTERNAL_ERROR;

	/**
	 * The next attempt need not wait out a backoff: nothing went wrong with the batch.
	 */
	public boolean dueAtOnce() {
		return this == INTERRUPTED_BY_SHUTDOWN;
	}

}
