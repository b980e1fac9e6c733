package org.kasbench.globeco.allocation.send.domain;

/** What became of one row of a batch's file at Portfolio Accounting. */
public enum RowVerdict {

	/** Absent from the CLI's errors file: taken by Portfolio Accounting in this run. */
	DELIVERED,
	/**
	 * Its source id was already in Portfolio Accounting: an earlier run delivered it.
	 * Counts as accepted.
	 */
	DELIVERED_EARLIER,
	/**
	 * Refused on its merits (a validator's {@code field: message}); sending it again
	 * would change nothing.
	 */
	REFUSED,
	/**
	 * Never reached Portfolio Accounting (HTTP error, transport error, or a message
	 * nobody recognised): send again.
	 */
	NOT_DELIVERED

}
